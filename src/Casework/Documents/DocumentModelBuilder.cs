using System.Text.Json.Nodes;
using Justice.Casework.Records;
using Justice.Casework.Rules;

namespace Justice.Casework.Documents;

/// <summary>
/// The model a document template sees: the office and rule set, the case with its fields, the parties by side,
/// the tribunal and secretary, the recipient, the document's own title, number and date, and the process's data.
/// Values are data, not grammar: <c>tribunal_names</c> is 独任仲裁员某某 (the template says 由…组成仲裁庭), the articles
/// a document cites are the rule set's <c>rules.citations</c>.
/// </summary>
public static class DocumentModelBuilder
{
    public static JsonObject Build(CaseRecord record, IReadOnlyList<CaseParty> parties, IReadOnlyList<CaseMember> members, RuleSet rules,
        string title, string? number, DateOnly date, string? recipientSide, JsonObject? data)
    {
        var fields = JsonNode.Parse(record.FieldsJson) as JsonObject ?? [];
        var @case = new JsonObject
        {
            ["id"] = record.Id,
            ["number"] = record.Number,
            ["title"] = record.Title,
            ["kind"] = record.Kind,
            ["stage"] = record.Stage,
            ["procedure"] = record.Procedure,
            ["procedureName"] = record.Procedure == "ordinary" ? "普通程序" : "简易程序",
            ["amount"] = record.AmountInDispute,
            ["filedOn"] = record.FiledOn?.ToString("yyyy-MM-dd"),
            ["acceptedOn"] = record.AcceptedOn?.ToString("yyyy-MM-dd"),
        };
        foreach (var (key, value) in fields)
            @case[key] ??= value?.DeepClone();

        var claimants = parties.Where(p => p.Side is PartySides.Claimant or PartySides.Applicant).ToList();
        var respondents = parties.Where(p => p.Side == PartySides.Respondent).ToList();
        var tribunal = members.Where(m => m.Active && CaseRelations.IsTribunal(m.Relation)).ToList();
        var sole = tribunal.Count == 1;
        var secretary = members.FirstOrDefault(m => m.Active && m.Relation == CaseRelations.Secretary);
        var (recipients, counterparties) = recipientSide switch
        {
            PartySides.Claimant => (claimants, respondents),
            PartySides.Respondent => (respondents, claimants),
            _ => (parties.ToList(), new List<CaseParty>()),
        };

        return new JsonObject
        {
            ["office"] = rules.Office.DeepClone(),
            ["rules"] = new JsonObject { ["id"] = rules.Id, ["name"] = rules.Name, ["citations"] = rules.Json["citations"]?.DeepClone() ?? new JsonObject() },
            ["periods"] = Periods(rules, record.Procedure),
            ["record"] = @case,
            ["parties"] = Parties(parties),
            ["claimants"] = Parties(claimants),
            ["respondents"] = Parties(respondents),
            ["claimant_names"] = string.Join("、", claimants.Select(p => p.Name)),
            ["respondent_names"] = string.Join("、", respondents.Select(p => p.Name)),
            ["recipient"] = string.Join("、", recipients.Select(p => p.Name)),
            ["counterparty"] = string.Join("、", counterparties.Select(p => p.Name)),
            ["tribunal"] = new JsonArray([.. tribunal.OrderBy(m => m.Relation == CaseRelations.PresidingArbitrator ? 0 : 1).Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.DisplayName ?? m.UserEmail,
                ["role"] = sole ? "独任仲裁员" : m.Relation == CaseRelations.PresidingArbitrator ? "首席仲裁员" : "仲裁员",
                ["appointedBy"] = m.Note,
            })]),
            ["tribunal_names"] = sole
                ? $"独任仲裁员{tribunal[0].DisplayName}"
                : tribunal.Count == 0 ? "" : string.Join("、", tribunal.OrderBy(m => m.Relation == CaseRelations.PresidingArbitrator ? 0 : 1)
                    .Select(m => (m.Relation == CaseRelations.PresidingArbitrator ? "首席仲裁员" : "仲裁员") + m.DisplayName)),
            ["secretary"] = new JsonObject { ["name"] = secretary?.DisplayName ?? secretary?.UserEmail ?? "" },
            ["notary"] = Person(members, CaseRelations.Notary),
            ["provider"] = Person(members, CaseRelations.Provider),
            ["document"] = new JsonObject { ["title"] = title, ["number"] = number, ["date"] = date.ToString("yyyy-MM-dd") },
            ["data"] = data?.DeepClone() ?? new JsonObject(),
        };
    }

    static JsonObject Person(IReadOnlyList<CaseMember> members, string relation)
    {
        var member = members.LastOrDefault(m => m.Active && m.Relation == relation);
        return new JsonObject { ["name"] = member?.DisplayName ?? member?.UserEmail ?? "", ["note"] = member?.Note };
    }

    /// <summary>Each period of the rule set for the case's procedure: {amount, unit, label, text} (text such as 15日).</summary>
    static JsonObject Periods(RuleSet rules, string? procedure)
    {
        var result = new JsonObject();
        if (rules.Json["periods"] is not JsonObject periods)
            return result;
        foreach (var (code, _) in periods)
        {
            var rule = rules.Period(code, procedure);
            result[code] = new JsonObject
            {
                ["amount"] = rule.Amount,
                ["unit"] = Calendar.PeriodUnits.ToText(rule.Unit),
                ["label"] = rule.Label,
                ["text"] = $"{rule.Amount}{Calendar.PeriodUnits.ChineseName(rule.Unit)}",
            };
        }
        return result;
    }

    static JsonArray Parties(IEnumerable<CaseParty> parties) => new([.. parties.Select(p => (JsonNode)new JsonObject
    {
        ["side"] = p.Side,
        ["partyKind"] = p.PartyKind,
        ["name"] = p.Name,
        ["gender"] = p.Gender,
        ["birthDate"] = p.BirthDate?.ToString("yyyy-MM-dd"),
        ["idNumber"] = p.IdNumber,
        ["creditCode"] = p.CreditCode,
        ["representative"] = p.Representative,
        ["address"] = p.Address,
        ["agentName"] = p.AgentName,
    })]);
}
