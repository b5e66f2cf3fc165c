using System.Text.Json.Nodes;
using Justice.Workflows.Activities.Cases;
using Justice.Workflows.Cases;
using Justice.Workflows.Cases.Rules;
using Justice.Workflows.Runtime;

namespace Justice.Workflows.Activities.Notary;

/// <summary>
/// The refund of the notarial fee when the office refuses (不予办理) or terminates the notarization: it follows who was
/// at fault (domain.md §2.2), with the shares of the case's rule set.
/// </summary>
[Activity("Justice", "CalculateNotaryRefund", Category = "公证", DisplayName = "计算公证退费", Description = "不予办理或终止公证时按过错方计算应退的公证费。")]
public sealed class CalculateNotaryRefund : CaseActivity
{
    [Input(DisplayName = "过错方", Description = "office：公证处；applicant：申请人；both：双方。空时为申请人。", UIHint = "singleline")]
    public Input<string>? Fault { get; set; }

    [Output(DisplayName = "退费", Description = "{feePaid, refund, fault, faultText}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var record = await CaseAsync(context);
        var rules = record.RuleSetJson is { } json ? new RuleSet((JsonObject)JsonNode.Parse(json)!) : throw new WorkflowFaultException("not-accepted", "案件尚未受理。");
        var fields = JsonNode.Parse(record.FieldsJson) as JsonObject ?? [];
        var given = await context.EvaluateAsync(Fault);
        var fault = given is NotaryFees.Office or NotaryFees.Both ? given : NotaryFees.Applicant;
        var paid = NotaryFees.Fee(rules, fields["matter"]?.GetValue<string>());
        var refund = NotaryFees.Refund(rules, paid, fault);
        var result = new JsonObject { ["feePaid"] = paid, ["refund"] = refund, ["fault"] = fault, ["faultText"] = NotaryFees.FaultText(fault) };
        context.Cases().Log(record.Id, "fee", $"因{NotaryFees.FaultText(fault)}，退还公证费 {Justice.Workflows.Documents.ChineseFormat.Money(refund)}", Actor(context), result.DeepClone().AsObject());
        context.SetOutput(Result, "result", result);
        context.Complete();
    }
}
