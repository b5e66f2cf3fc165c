using System.Text.Json;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Runtime.State;

namespace Justice.Casework.Tasks;

/// <summary>
/// Who may hold a task: the units whose heads may hand tasks on, and the rule an assignee must meet — an active staff
/// account, not the auditor, not a party or agent of the case, not excluded from the task by a relation to the case,
/// holding the task's role or case relation (for a task named to a person, a role of that person).
/// </summary>
public static class TaskAssignment
{
    /// <summary>The head of each unit: the director for the arbitration commission, the heads of the notary office and the legal-aid centre.</summary>
    public static readonly IReadOnlyDictionary<string, string> UnitHeads = new Dictionary<string, string>
    {
        ["director"] = CaseKinds.Arbitration,
        ["notary-head"] = CaseKinds.Notary,
        ["legalaid-head"] = CaseKinds.LegalAid,
    };

    /// <summary>Roles that never hold a task of a case: parties and the read-only auditor.</summary>
    static readonly string[] NeverAssignable = ["applicant", "auditor"];

    /// <summary>The unit a case belongs to: its kind; a commitment file belongs to the office that used the commitment.</summary>
    public static string? UnitOf(CaseRecord? record)
    {
        if (record is null)
            return null;
        if (record.Kind != CaseKinds.Commitment)
            return record.Kind;
        return CaseAccess.ParentKind(record);
    }

    /// <summary>Whether the user heads the unit of the case (the administrator acts for every unit).</summary>
    public static bool HeadsUnitOf(TaskUser user, CaseRecord? record) =>
        user.Roles.Contains("admin") || (UnitOf(record) is { } unit && UnitHeads.Any(h => h.Value == unit && user.Roles.Contains(h.Key)));

    /// <summary>Why <paramref name="candidate"/> may not hold <paramref name="task"/>, or null when they may.</summary>
    public static string? Refusal(HumanTaskRecord task, StaffMember? candidate, IReadOnlyList<CaseParty> parties, IReadOnlyList<CaseMember> members,
        IReadOnlyCollection<string>? namedRoles = null)
    {
        if (candidate is null)
            return "该账号不存在。";
        if (!candidate.Active)
            return $"{candidate.DisplayName}的账号未启用或已锁定。";
        if (candidate.Roles.Count == 0 || candidate.Roles.All(NeverAssignable.Contains) || candidate.Roles.Contains("auditor"))
            return $"{candidate.DisplayName}不是办案人员，不能处理任务。";
        var email = candidate.Email;
        if (parties.Any(p => string.Equals(p.UserEmail, email, StringComparison.OrdinalIgnoreCase) || string.Equals(p.AgentEmail, email, StringComparison.OrdinalIgnoreCase)))
            return $"{candidate.DisplayName}是本案当事人或代理人，不能处理本案任务。";
        var mine = members.Where(m => m.Active && string.Equals(m.UserEmail, email, StringComparison.OrdinalIgnoreCase)).ToList();
        var excluded = task.ExcludedRelationsJson is { } json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];
        if (mine.Any(m => excluded.Contains(m.Relation) || (excluded.Contains("tribunal") && CaseRelations.IsTribunal(m.Relation))))
            return $"{candidate.DisplayName}与本案有关联（回避），不能处理该任务。";
        if (task.CaseRelation is { Length: > 0 } relation)
            return mine.Any(m => m.Relation == relation || (relation == "tribunal" && CaseRelations.IsTribunal(m.Relation)))
                ? null : $"{candidate.DisplayName}不是本案的{CaseRelations.ChineseName(relation)}。";
        if (task.Role is { Length: > 0 } role)
            return candidate.Roles.Contains(role) ? null : $"{candidate.DisplayName}不具有该任务所需的角色（{role}）。";
        if (namedRoles is { Count: > 0 } && !namedRoles.Except(NeverAssignable).Any(candidate.Roles.Contains))
            return $"{candidate.DisplayName}不具有原指定人员的角色。";
        return null;
    }
}
