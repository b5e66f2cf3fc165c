using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Cases;

/// <summary>Moves a case to a stage, changes its fields, or closes it with an outcome; the change is on its timeline.</summary>
[Activity("Justice", "UpdateCase", Category = "案件", DisplayName = "更新案件", Description = "设置案件阶段、字段；结案时记录结果。")]
public sealed class UpdateCase : CaseActivity
{
    [Input(DisplayName = "阶段", UIHint = "singleline")]
    public Input<string>? Stage { get; set; }

    [Input(DisplayName = "字段", Description = "JSON 对象，合并到案件字段。", UIHint = "json")]
    public Input<JsonObject>? Fields { get; set; }

    [Input(DisplayName = "结案", UIHint = "checkbox")]
    public Input<bool>? Close { get; set; }

    [Input(DisplayName = "结案方式", Description = "裁决、调解、撤回、视为撤回、不予受理 …", UIHint = "singleline")]
    public Input<string>? Outcome { get; set; }

    [Input(DisplayName = "说明", UIHint = "singleline")]
    public Input<string>? Note { get; set; }

    [Input(DisplayName = "已满足的期间", Description = "这些期间按期完成（例如出证后 NOT-01）。", UIHint = "json")]
    public Input<string[]>? CompletePeriods { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var record = await CaseAsync(context);
        var stage = await context.EvaluateAsync(Stage);
        if (!string.IsNullOrWhiteSpace(stage))
            record.Stage = stage;
        if (await context.EvaluateAsync(Fields) is { Count: > 0 } fields)
        {
            var merged = JsonNode.Parse(record.FieldsJson) as JsonObject ?? [];
            foreach (var (key, value) in fields)
                merged[key] = value?.DeepClone();
            record.FieldsJson = merged.ToJsonString(WorkflowJson.Compact);
        }
        foreach (var code in await context.EvaluateAsync(CompletePeriods) ?? [])
        {
            foreach (var period in (await session.PeriodsAsync(record.Id)).Where(p => p.Code == code && p.Status is PeriodStatus.Running or PeriodStatus.Paused))
            {
                period.Status = PeriodStatus.Met;
                session.Modify(period);
            }
        }
        var outcome = await context.EvaluateAsync(Outcome);
        if (await context.EvaluateAsync(Close))
        {
            record.Status = CaseStatus.Closed;
            record.Outcome = outcome;
            record.ClosedOn = (context.GetRequiredService<Calendar.StatutoryCalendar>()).Today(context.Now);
            CancelPeriods(session, await session.PeriodsAsync(record.Id));
            // A case closed by another process (aid terminated after verification): its own process, still waiting
            // for the provider, ends with it — unless it is the parent waiting for this process's result.
            if (record.InstanceId is { } process && process != context.Workflow.InstanceId && process != context.Workflow.State.Parent?.InstanceId)
                await context.Workflow.Host.EndInstanceAsync(context.Workflow, process, context.CancellationToken);
            if (record.Kind != CaseKinds.Commitment)
                await CloseUnattendedCommitmentsAsync(context, session, record, outcome);
        }
        session.Update(record);
        var note = await context.EvaluateAsync(Note);
        session.Log(record.Id, "stage", note ?? (record.Status == CaseStatus.Closed ? $"结案：{outcome}" : $"进入{record.Stage}阶段"), Actor(context),
            new JsonObject { ["stage"] = record.Stage, ["status"] = record.Status, ["outcome"] = outcome });
        context.JournalData["stage"] = record.Stage;
        context.Complete();
    }

    static void CancelPeriods(CaseSession session, IEnumerable<CasePeriod> periods)
    {
        foreach (var period in periods.Where(p => p.Status is PeriodStatus.Running or PeriodStatus.Paused))
        {
            period.Status = PeriodStatus.Cancelled;
            session.Modify(period);
        }
    }

    /// <summary>
    /// A sampled commitment is verified only after the decision it supports; a main case closed without that decision
    /// (refused, withdrawn, terminated) leaves nothing to verify, so its commitment case is closed too.
    /// </summary>
    async Task CloseUnattendedCommitmentsAsync(ActivityExecutionContext context, CaseSession session, CaseRecord main, string? outcome)
    {
        var store = context.GetRequiredService<ICaseStore>();
        foreach (var id in await store.GetUnattendedCommitmentsAsync(main, context.CancellationToken))
        {
            var commitment = await session.GetAsync(id, context.CancellationToken);
            if (commitment.Status != CaseStatus.Open)
                continue;
            commitment.Stage = UnverifiedStage;
            commitment.Status = CaseStatus.Closed;
            commitment.Outcome = UnverifiedOutcome;
            commitment.ClosedOn = main.ClosedOn;
            CancelPeriods(session, await session.PeriodsAsync(id));
            session.Update(commitment);
            session.Log(id, "stage", $"主案件{(outcome is { Length: > 0 } ? $"以“{outcome}”" : "")}结案，未作出依承诺办理的决定，不予核查", Actor(context),
                new JsonObject { ["stage"] = commitment.Stage, ["status"] = commitment.Status, ["outcome"] = commitment.Outcome, ["mainCaseId"] = main.Id });
        }
    }

    public const string UnverifiedStage = "终结";
    public const string UnverifiedOutcome = "主案件未作决定，不予核查";
}
