using System.Text.Json.Nodes;

namespace Justice.Casework.Rules;

/// <summary>
/// The notarial fee of a matter from the rule set's <c>fees.items</c>, and its refund on refusal or termination by who
/// was at fault (docs/domain/notary.md): the office → all, the applicant → none, both → the rule set's <c>fees.refundByFault.both</c>.
/// </summary>
public static class NotaryFees
{
    public const string Office = "office";
    public const string Applicant = "applicant";
    public const string Both = "both";

    /// <summary>The fixed fee of the matter; null when its scale is a percentage or the matter is not listed (the amount depends on the case).</summary>
    public static decimal? Fee(RuleSet rules, string? matter) =>
        matter is not null && rules.Json["fees"]?["items"]?[matter] is JsonValue value && value.TryGetValue<decimal>(out var fee) ? fee : null;

    /// <summary>The share of the fee refunded when <paramref name="fault"/> was at fault.</summary>
    public static decimal Share(RuleSet rules, string fault) =>
        rules.Json["fees"]?["refundByFault"]?[fault] is { } s
            ? Justice.Workflows.Expressions.ValueConverter.Number(s)
            : fault switch { Office => 1m, Both => 0.5m, _ => 0m };

    public static decimal Refund(RuleSet rules, decimal feePaid, string fault) =>
        Math.Round(feePaid * Share(rules, fault), 2, MidpointRounding.AwayFromZero);

    /// <summary>Who was at fault, as the refusal or termination notice states it.</summary>
    public static string FaultText(string fault) => fault switch
    {
        Office => "本处的原因",
        Both => "申请人和本处双方的原因",
        _ => "申请人的原因",
    };
}
