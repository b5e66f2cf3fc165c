using System.Text.Json.Nodes;
using Justice.Workflows.Common;

namespace Justice.Casework.Rules;

/// <summary>
/// Arbitration fees from the statutory bands (Fee Measures 1995, docs/domain/arbitration.md §4) at the commission's configured
/// rates: the acceptance fee is the sum over the bands the amount reaches; the handling fee a configured share.
/// </summary>
public static class FeeCalculator
{
    public sealed record Fees(decimal AcceptanceFee, decimal HandlingFee)
    {
        public decimal Total => AcceptanceFee + HandlingFee;
    }

    public static Fees Calculate(RuleSet rules, decimal amountInDispute)
    {
        var fees = rules.Json["fees"] as JsonObject ?? throw new Justice.Workflows.Common.WorkflowFaultException("no-fees", $"规则“{rules.Name}”没有收费标准。");
        var acceptance = AcceptanceFee(fees["acceptance"] as JsonArray ?? [], amountInDispute);
        var rate = fees["handlingRate"] is { } r ? Justice.Workflows.Expressions.ValueConverter.Number(r) : 0m;
        var minimum = fees["handlingMinimum"] is { } m ? Justice.Workflows.Expressions.ValueConverter.Number(m) : 0m;
        var handling = Math.Max(minimum, Math.Round(acceptance * rate, 2, MidpointRounding.AwayFromZero));
        return new Fees(acceptance, handling);
    }

    static decimal AcceptanceFee(JsonArray bands, decimal amount)
    {
        decimal fee = 0, lower = 0;
        foreach (var band in bands.OfType<JsonObject>())
        {
            var upper = band["upTo"] is { } u ? Justice.Workflows.Expressions.ValueConverter.Number(u) : decimal.MaxValue;
            if (band["fixed"] is { } fixedFee)
                fee += Justice.Workflows.Expressions.ValueConverter.Number(fixedFee);
            else if (amount > lower)
                fee += (Math.Min(amount, upper) - lower) * Justice.Workflows.Expressions.ValueConverter.Number(band["rate"]!);
            if (amount <= upper)
                break;
            lower = upper;
        }
        return Math.Round(fee, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The refund of the acceptance fee on withdrawal: in full before the tribunal is formed, a configured share after, none when deemed withdrawn for absence.</summary>
    public static decimal Refund(RuleSet rules, decimal acceptanceFeePaid, bool afterFormation, bool deemedForAbsence)
    {
        if (deemedForAbsence)
            return 0;
        var key = afterFormation ? "refundAfterFormation" : "refundBeforeFormation";
        var share = rules.Json["fees"]?[key] is { } s ? Justice.Workflows.Expressions.ValueConverter.Number(s) : afterFormation ? 0.5m : 1m;
        return Math.Round(acceptanceFeePaid * share, 2, MidpointRounding.AwayFromZero);
    }
}
