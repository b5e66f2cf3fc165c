using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Cases;
using Justice.Casework.Rules;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Notary;

/// <summary>
/// The refund of the notarial fee when the office refuses (不予办理) or terminates the notarization: it follows who was
/// at fault (docs/domain/notary.md), with the shares of the case's rule set. The fee is the one recorded at acceptance,
/// else the matter's fixed fee; when neither is known (a fee scaled by value) the notice states the share, not an amount.
/// </summary>
[Activity("Justice", "CalculateNotaryRefund", Category = "公证", DisplayName = "计算公证退费", Description = "不予办理或终止公证时按过错方计算应退的公证费。")]
public sealed class CalculateNotaryRefund : CaseActivity
{
    [Input(DisplayName = "过错方", Description = "office：公证处；applicant：申请人；both：双方。空时为申请人。", UIHint = "singleline")]
    public Input<string>? Fault { get; set; }

    [Input(DisplayName = "已收取的公证费", Description = "受理时实际收取的数额（元）；空时按收费标准中该事项的固定收费。", UIHint = "singleline")]
    public Input<decimal?>? FeePaid { get; set; }

    /// <summary>Larger amounts are a typing error, not a notarial fee.</summary>
    const decimal MaxFee = 100_000_000m;

    [Output(DisplayName = "退费", Description = "{feePaid, refund, fault, faultText}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var record = await CaseAsync(context);
        var rules = record.RuleSetJson is { } json ? new RuleSet((JsonObject)JsonNode.Parse(json)!) : throw new WorkflowFaultException("not-accepted", "案件尚未受理。");
        var fields = JsonNode.Parse(record.FieldsJson) as JsonObject ?? [];
        var given = await context.EvaluateAsync(Fault);
        var fault = given is NotaryFees.Office or NotaryFees.Both ? given : NotaryFees.Applicant;
        var recorded = await context.EvaluateAsync(FeePaid);
        if (recorded is < 0 or > MaxFee)
            throw new WorkflowFaultException("invalid-fee", $"已收取的公证费“{recorded}”不是有效的数额。");
        var paid = recorded ?? NotaryFees.Fee(rules, fields["matter"]?.GetValue<string>());
        var share = NotaryFees.Share(rules, fault);
        var refund = paid is { } amount ? NotaryFees.Refund(rules, amount, fault) : (decimal?)null;
        var result = new JsonObject
        {
            ["feePaid"] = paid, ["feeKnown"] = paid is not null, ["refund"] = refund, ["refundShare"] = share, ["refundPercent"] = Math.Round(share * 100m, 0),
            ["fault"] = fault, ["faultText"] = NotaryFees.FaultText(fault),
        };
        var title = refund is { } r
            ? $"因{NotaryFees.FaultText(fault)}，退还公证费 {Justice.Casework.Documents.ChineseFormat.Money(r)}"
            : $"因{NotaryFees.FaultText(fault)}，按已收取公证费的{result["refundPercent"]}%退还";
        context.Cases().Log(record.Id, "fee", title, Actor(context), result.DeepClone().AsObject());
        context.SetOutput(Result, "result", result);
        context.Complete();
    }
}
