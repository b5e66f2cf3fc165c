using System.Text.Json.Nodes;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Rules;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Cases;

/// <summary>
/// Accepts a case: records the acceptance date, keeps the rule set in force on that date with the case, decides
/// the procedure (summary up to the rule set's threshold unless the parties agreed otherwise) and assigns the
/// case number from the gap-free series of the office and year.
/// </summary>
[Activity("Justice", "AcceptCase", Category = "案件", DisplayName = "受理案件", Description = "记录受理日期、适用规则和程序，按年度连续编号。")]
public sealed class AcceptCase : CaseActivity
{
    [Input(DisplayName = "受理日期", Description = "空时为今天。", UIHint = "date")]
    public Input<string>? AcceptedOn { get; set; }

    [Input(DisplayName = "程序", Description = "summary / ordinary；空时按争议金额确定。", UIHint = "dropdown", Options = ["", "summary", "ordinary"])]
    public Input<string>? Procedure { get; set; }

    [Output(DisplayName = "受理结果", Description = "{number, procedure, ruleSetId, acceptedOn}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var record = await CaseAsync(context);
        var calendar = context.GetRequiredService<StatutoryCalendar>();
        var rules = context.GetRequiredService<RuleSetProvider>();
        var accepted = await context.EvaluateAsync(AcceptedOn) is { Length: >= 10 } text ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd") : calendar.Today(context.Now);
        var ruleSet = rules.InForce(record.Kind, accepted);
        var procedure = await context.EvaluateAsync(Procedure) is { Length: > 0 } chosen
            ? chosen
            : record.AmountInDispute is { } amount && amount > ruleSet.SummaryProcedureMaxAmount ? "ordinary" : "summary";

        record.AcceptedOn = accepted;
        record.RuleSetId = ruleSet.Id;
        record.RuleSetJson = ruleSet.Json.ToJsonString(WorkflowJson.Compact);
        record.Procedure = procedure;
        record.Stage = "受理";
        // One series per office and year, whichever rule set is in force (a new rule set does not restart numbering).
        record.Number ??= session.ReserveNumber($"{ruleSet.SeriesPrefix}:case:{accepted.Year}", ruleSet.CaseNumberFormat(accepted.Year));
        session.Update(record);
        session.Log(record.Id, "decision", $"决定受理，案号{record.Number}，适用{ProcedureName(procedure)}", Actor(context),
            new JsonObject { ["ruleSetId"] = ruleSet.Id, ["procedure"] = procedure, ["acceptedOn"] = accepted.ToString("yyyy-MM-dd") });

        var result = new JsonObject
        {
            ["number"] = record.Number,
            ["procedure"] = procedure,
            ["ruleSetId"] = ruleSet.Id,
            ["acceptedOn"] = accepted.ToString("yyyy-MM-dd"),
        };
        context.JournalData["number"] = record.Number;
        context.JournalData["ruleSetId"] = ruleSet.Id;
        context.SetOutput(Result, "result", result);
        context.Complete();
    }

    public static string ProcedureName(string? procedure) => procedure == "ordinary" ? "普通程序" : "简易程序";
}
