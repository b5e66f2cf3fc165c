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

/// <summary>
/// Waits until a running period of the case expires (24:00 of its last day), for example the defence period
/// before the tribunal proceeds. A paused period stops the wait's clock; the wait continues when it resumes.
/// </summary>
[Activity("Justice", "WaitForPeriod", Category = "期间", DisplayName = "等待期间届满", Description = "等待案件的某一法定期间届满（可中止、恢复）。")]
[Outcomes("Expired")]
public sealed class WaitForPeriod : CaseActivity
{
    [Input(DisplayName = "期间代码", UIHint = "period-editor")]
    public Input<string>? Code { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var code = await context.EvaluateAsync(Code) ?? throw new WorkflowFaultException("invalid-input", "未指定期间代码。");
        var period = (await session.PeriodsAsync(caseId)).LastOrDefault(p => p.Code == code && p.Status is PeriodStatus.Running or PeriodStatus.Paused)
            ?? throw new WorkflowFaultException("no-period", $"案件没有正在进行的期间 {code}。");
        var planner = context.GetRequiredService<PeriodPlanner>();
        var bookmarkId = ActivityExecutionContext.NewId();
        period.BookmarkId = bookmarkId;
        session.Modify(period);
        context.JournalData["code"] = code;
        context.JournalData["dueOn"] = period.DueOn.ToString("yyyy-MM-dd");
        context.CreateBookmark(new BookmarkRequest(new JsonObject { ["periodId"] = period.Id, ["code"] = code, ["timerKind"] = Justice.Workflows.Runtime.State.TimerKinds.Resume })
        {
            Id = bookmarkId,
            ResumeAt = period.Status == PeriodStatus.Running ? planner.ExpiresAt(period) : null,
        });
    }

    public override async ValueTask ResumeAsync(ActivityExecutionContext context, JsonNode? input)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var code = await context.EvaluateAsync(Code);
        foreach (var period in (await session.PeriodsAsync(caseId)).Where(p => p.Code == code && p.Status == PeriodStatus.Running))
        {
            period.Status = PeriodStatus.Expired;
            session.Modify(period);
            session.Log(caseId, "period", $"{period.Label}已于{period.DueOn:yyyy-MM-dd}届满", Actor(context), new JsonObject { ["code"] = period.Code });
        }
        context.Complete("Expired");
    }
}
