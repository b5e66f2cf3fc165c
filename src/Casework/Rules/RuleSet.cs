using System.Text.Json.Nodes;
using Justice.Casework.Calendar;
using Justice.Workflows.Common;

namespace Justice.Casework.Rules;

/// <summary>A version of an institution's rules: periods, fee bands and rates, thresholds, the office's details.</summary>
public sealed class RuleSet(JsonObject json)
{
    public JsonObject Json { get; } = json;
    public string Id => Text("id")!;
    public string Kind => Text("kind")!;
    public string Name => Text("name") ?? Id;
    public DateOnly EffectiveFrom => DateOnly.ParseExact(Text("effectiveFrom")!, "yyyy-MM-dd");
    public JsonObject Office => Json["office"] as JsonObject ?? [];

    /// <summary>The office a number series belongs to (its abbreviation), shared by the office's rule set versions.</summary>
    public string SeriesPrefix => Office["abbreviation"]?.GetValue<string>() is { Length: > 0 } abbreviation ? $"{Kind}:{abbreviation}" : Id;
    public decimal SummaryProcedureMaxAmount => Json["summaryProcedureMaxAmount"] is { } n ? Justice.Workflows.Expressions.ValueConverter.Number(n) : 3_000_000m;

    string? Text(string key) => Json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A period by code, for the procedure when it differs by procedure (ordinary / summary).</summary>
    public PeriodRule Period(string code, string? procedure = null)
    {
        if (Json["periods"]?[code] is not JsonObject rule)
            throw new Justice.Workflows.Common.WorkflowFaultException("unknown-period", $"规则“{Name}”没有期间 {code}。");
        var label = rule["label"]?.GetValue<string>() ?? code;
        var specific = procedure is not null && rule[procedure] is JsonObject byProcedure ? byProcedure : rule["ordinary"] as JsonObject ?? rule;
        return new PeriodRule(code, label, specific["amount"]!.GetValue<int>(), PeriodUnits.Parse(specific["unit"]?.GetValue<string>() ?? "days"));
    }

    /// <summary>
    /// A case's copy of its rule set made before a citation was added to its version (or before rule sets named
    /// their citations) takes the missing ones from that version's shipped file; those it kept stay as kept.
    /// </summary>
    public void AddMissingCitations(RuleSet? shipped)
    {
        if (shipped is null || shipped.Id != Id || shipped.Json["citations"] is not JsonObject published)
            return;
        if (Json["citations"] is not JsonObject kept)
            Json["citations"] = kept = [];
        foreach (var (key, citation) in published)
        {
            if (kept[key] is null)
                kept[key] = citation?.DeepClone();
        }
    }

    /// <summary>The case number format with the year filled in, e.g. <c>（2026）衡仲字第{0:0000}号</c>.</summary>
    public string CaseNumberFormat(int year) =>
        (Json["caseNumber"]?["format"]?.GetValue<string>() ?? "（{year}）第{0:0000}号").Replace("{year}", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

public sealed record PeriodRule(string Code, string Label, int Amount, PeriodUnit Unit);
