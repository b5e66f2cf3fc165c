using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;

namespace Justice.Casework.Activities.Periods;

/// <summary>Pauses a running period (suspension, appraisal, verification time): its clock stops, its timer with it.</summary>
[Activity("Justice", "PausePeriod", Category = "期间", DisplayName = "中止期间", Description = "期间中止计算（中止、鉴定、核实期间不计入）。")]
public sealed class PausePeriod : CaseActivity
{
    [Input(DisplayName = "期间代码", UIHint = "period-editor")]
    public Input<string>? Code { get; set; }

    [Input(DisplayName = "原因", UIHint = "singleline")]
    public Input<string>? Reason { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var code = await context.EvaluateAsync(Code) ?? throw new WorkflowFaultException("invalid-input", "未指定期间代码。");
        var reason = await context.EvaluateAsync(Reason) ?? "中止";
        var planner = context.GetRequiredService<PeriodPlanner>();
        var today = planner.Calendar.Today(context.Now);
        foreach (var period in (await session.PeriodsAsync(caseId)).Where(p => p.Code == code && p.Status == PeriodStatus.Running))
        {
            planner.Pause(period, today, reason);
            session.Modify(period);
            if (context.Workflow.Bookmarks.FirstOrDefault(b => b.Id == period.BookmarkId) is { } bookmark)
                context.Workflow.RescheduleTimer(bookmark, null, Justice.Workflows.Runtime.State.TimerKinds.Resume);
            session.Log(caseId, "period", $"{period.Label}因{reason}中止计算，尚余{period.RemainingWhenPaused}日", Actor(context),
                new JsonObject { ["code"] = code, ["remaining"] = period.RemainingWhenPaused });
        }
        context.Complete();
    }
}
