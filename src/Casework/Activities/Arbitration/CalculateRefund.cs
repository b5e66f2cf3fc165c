using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Cases;
using Justice.Casework.Rules;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Arbitration;

/// <summary>
/// The refund of the acceptance fee on withdrawal (Fee Measures Arts. 11–12): in full before the tribunal is
/// formed, the rule set's share after; nothing when deemed withdrawn for non-appearance, and nothing when the
/// fee was never paid (withdrawn before prepayment, or while its payment was deferred).
/// </summary>
[Activity("Justice", "CalculateRefund", Category = "仲裁", DisplayName = "计算退费", Description = "撤回仲裁申请时按组庭前后计算应退的案件受理费。")]
public sealed class CalculateRefund : CaseActivity
{
    [Input(DisplayName = "组庭后撤回", UIHint = "checkbox")]
    public Input<bool>? AfterFormation { get; set; }

    [Input(DisplayName = "因不到庭视为撤回", UIHint = "checkbox")]
    public Input<bool>? DeemedForAbsence { get; set; }

    [Input(DisplayName = "已预交仲裁费", Description = "未预交（含准予缓交后未交）的，不退费。空时视为已预交。", UIHint = "checkbox")]
    public Input<bool?>? FeePaid { get; set; }

    [Output(DisplayName = "退费", Description = "{acceptanceFeePaid, refund, afterFormation}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var record = await CaseAsync(context);
        var rules = record.RuleSetJson is { } json ? new RuleSet((JsonObject)JsonNode.Parse(json)!) : throw new WorkflowFaultException("not-accepted", "案件尚未受理。");
        var fields = JsonNode.Parse(record.FieldsJson) as JsonObject ?? [];
        var feePaid = await context.EvaluateAsync(FeePaid) ?? true;
        var paid = feePaid && fields["fees"]?["acceptanceFee"] is { } fee ? Justice.Workflows.Expressions.ValueConverter.Number(fee) : 0m;
        var after = await context.EvaluateAsync(AfterFormation);
        var refund = FeeCalculator.Refund(rules, paid, after, await context.EvaluateAsync(DeemedForAbsence));
        var result = new JsonObject { ["acceptanceFeePaid"] = paid, ["refund"] = refund, ["afterFormation"] = after, ["feePaid"] = feePaid };
        var title = feePaid ? $"撤回申请，退还案件受理费 {Justice.Casework.Documents.ChineseFormat.Money(refund)}" : "撤回申请，未预交仲裁费用，无费用可退";
        context.Cases().Log(record.Id, "fee", title, Actor(context), result.DeepClone().AsObject());
        context.SetOutput(Result, "result", result);
        context.Complete();
    }
}
