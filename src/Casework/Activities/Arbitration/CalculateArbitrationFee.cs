using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Rules;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Arbitration;

/// <summary>
/// The fees to prepay: the acceptance fee from the statutory bands at the commission's rates of the case's rule
/// set, and the handling fee. Stored on the case and given as output.
/// </summary>
[Activity("Justice", "CalculateArbitrationFee", Category = "仲裁", DisplayName = "计算仲裁费", Description = "按法定分段和本会费率计算案件受理费与处理费。")]
public sealed class CalculateArbitrationFee : CaseActivity
{
    [Output(DisplayName = "仲裁费", Description = "{acceptanceFee, handlingFee, total}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = Justice.Casework.Cases.CaseSessionExtensions.Cases(context);
        var record = await CaseAsync(context);
        if (record.RuleSetJson is null)
            throw new WorkflowFaultException("not-accepted", "案件尚未受理，没有适用的规则。");
        var rules = new RuleSet((JsonObject)JsonNode.Parse(record.RuleSetJson)!);
        var fees = FeeCalculator.Calculate(rules, record.AmountInDispute ?? 0);
        var result = new JsonObject
        {
            ["amountInDispute"] = record.AmountInDispute ?? 0,
            ["acceptanceFee"] = fees.AcceptanceFee,
            ["handlingFee"] = fees.HandlingFee,
            ["total"] = fees.Total,
        };
        var fields = JsonNode.Parse(record.FieldsJson) as JsonObject ?? [];
        fields["fees"] = result.DeepClone();
        record.FieldsJson = fields.ToJsonString(WorkflowJson.Compact);
        session.Update(record);
        session.Log(record.Id, "fee", $"应预交仲裁费 {Justice.Casework.Documents.ChineseFormat.Money(fees.Total)}", Actor(context), result.DeepClone().AsObject());
        context.JournalData["total"] = fees.Total;
        context.SetOutput(Result, "result", result);
        context.Complete();
    }
}
