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

/// <summary>Resumes a paused period from today with what was left; its timer is set to the new last day.</summary>
[Activity("Justice", "ResumePeriod", Category = "期间", DisplayName = "恢复期间", Description = "中止事由消除后，期间继续计算。")]
public sealed class ResumePeriod : CaseActivity
{
    [Input(DisplayName = "期间代码", UIHint = "period-editor")]
    public Input<string>? Code { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var code = await context.EvaluateAsync(Code) ?? throw new WorkflowFaultException("invalid-input", "未指定期间代码。");
        var planner = context.GetRequiredService<PeriodPlanner>();
        var today = planner.Calendar.Today(context.Now);
        foreach (var period in (await session.PeriodsAsync(caseId)).Where(p => p.Code == code && p.Status == PeriodStatus.Paused))
        {
            var due = planner.Resume(period, today);
            session.Modify(period);
            if (context.Workflow.Bookmarks.FirstOrDefault(b => b.Id == period.BookmarkId) is { } bookmark)
            {
                var kind = JsonNode.Parse(bookmark.PayloadJson)?["timerKind"]?.GetValue<string>() ?? Justice.Workflows.Runtime.State.TimerKinds.Resume;
                context.Workflow.RescheduleTimer(bookmark, planner.ExpiresAt(period), kind);
            }
            session.Log(caseId, "period", $"{period.Label}恢复计算，至{due:yyyy-MM-dd}届满", Actor(context), new JsonObject { ["code"] = code, ["dueOn"] = due.ToString("yyyy-MM-dd") });
        }
        context.Complete();
    }
}
