using System.Text.Json.Nodes;
using Justice.Workflows.Cases;
using Justice.Workflows.Runtime;

namespace Justice.Workflows.Activities.Cases;

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
            record.FieldsJson = merged.ToJsonString(Justice.Workflows.Definitions.DefinitionJson.CompactOptions);
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
            record.ClosedOn = ((Calendar.StatutoryCalendar)context.Services.GetService(typeof(Calendar.StatutoryCalendar))!).Today(context.Now);
            foreach (var period in (await session.PeriodsAsync(record.Id)).Where(p => p.Status is PeriodStatus.Running or PeriodStatus.Paused))
            {
                period.Status = PeriodStatus.Cancelled;
                session.Modify(period);
            }
        }
        session.Update(record);
        var note = await context.EvaluateAsync(Note);
        session.Log(record.Id, "stage", note ?? (record.Status == CaseStatus.Closed ? $"结案：{outcome}" : $"进入{record.Stage}阶段"), Actor(context),
            new JsonObject { ["stage"] = record.Stage, ["status"] = record.Status, ["outcome"] = outcome });
        context.JournalData["stage"] = record.Stage;
        context.Complete();
    }
}
