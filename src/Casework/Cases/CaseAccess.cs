using Justice.Casework.Records;
namespace Justice.Casework.Cases;

/// <summary>Who is looking: the account (e-mail) and its roles.</summary>
public sealed record CaseViewer(string? Email, IReadOnlyCollection<string> Roles)
{
    public bool Has(string role) => Roles.Contains(role);
}

/// <summary>
/// Who may see a case (docs/domain/roles.md §1–§2): parties and their agents see only their own cases; arbitration files are
/// for the commission (secretaries, the director) and the arbitrators of the tribunal (a recused arbitrator loses
/// access) — arbitration is private (Arbitration Law Art. 40), so the justice bureau's supervisor gets its figures, not
/// its files; notary files for the notary office; legal-aid files for the legal-aid centre and the assigned lawyer;
/// commitment files for the office that used them, the credit officer and the verifier; the supervisor oversees the
/// notary office and legal aid and reads those files. The administrator and the auditor read no case file: they run
/// and audit the engine (instances, journals, timers, the audit log). Anyone holding an active relation to a case sees it.
/// </summary>
public static class CaseAccess
{
    public static readonly IReadOnlyDictionary<string, string[]> KindRoles = new Dictionary<string, string[]>
    {
        [CaseKinds.Arbitration] = ["secretary", "director"],
        [CaseKinds.Notary] = ["notary", "notary-assistant", "notary-head"],
        [CaseKinds.LegalAid] = ["legalaid-officer", "legalaid-head"],
        [CaseKinds.Commitment] = ["credit-officer"],
    };

    /// <summary>The supervisor (司法行政部门) reads the files of the services it supervises (Notary Law Art. 5; Legal Aid Law Art. 49).</summary>
    public static readonly string[] SupervisedKinds = [CaseKinds.Notary, CaseKinds.LegalAid, CaseKinds.Commitment];

    /// <summary>Roles whose figures (dashboard counts, no file) cover every case.</summary>
    public static readonly string[] FiguresOfAll = ["supervisor"];

    /// <summary>Roles that read every process instance and its journal to run and audit the engine; not the case files.</summary>
    public static readonly string[] InstanceReaders = ["admin", "auditor"];

    /// <summary>The kinds a viewer sees in full because of a role.</summary>
    public static IReadOnlyList<string> KindsSeenInFull(CaseViewer viewer) =>
        [.. KindRoles.Where(k => k.Value.Any(viewer.Has) || (viewer.Has("supervisor") && SupervisedKinds.Contains(k.Key))).Select(k => k.Key)];

    public static bool CanSee(CaseViewer viewer, CaseRecord record, IReadOnlyList<CaseParty> parties, IReadOnlyList<CaseMember> members)
    {
        if (KindsSeenInFull(viewer).Contains(record.Kind))
            return true;
        if (record.Kind == CaseKinds.Commitment && ParentKind(record) is { } parent && KindRoles.TryGetValue(parent, out var parentRoles) && parentRoles.Any(viewer.Has))
            return true;
        if (viewer.Email is not { Length: > 0 } email)
            return false;
        if (members.Any(m => m.Active && string.Equals(m.UserEmail, email, StringComparison.OrdinalIgnoreCase)))
            return true;
        return parties.Any(p => string.Equals(p.UserEmail, email, StringComparison.OrdinalIgnoreCase) || string.Equals(p.AgentEmail, email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Staff of the case (not a party): they see identity numbers unmasked and the timeline in full.</summary>
    public static bool IsStaff(CaseViewer viewer) => !viewer.Roles.All(r => r == "applicant");

    /// <summary>Only the auditor is read-only everywhere.</summary>
    public static bool MayChange(CaseViewer viewer) => !(viewer.Has("auditor") && viewer.Roles.Count == 1);

    /// <summary>The kind of the case a commitment file belongs to (notary or legal-aid).</summary>
    public static string? ParentKind(CaseRecord record) =>
        record.ParentKind ?? System.Text.Json.Nodes.JsonNode.Parse(record.FieldsJson)?["parentKind"]?.GetValue<string>();
}
