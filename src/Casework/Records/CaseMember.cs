namespace Justice.Casework.Records;

/// <summary>
/// A person's relation to a case: its secretary, an arbitrator of its tribunal, the director, a reviewer, a
/// notary. Access follows the active relations; a recused arbitrator's relation ends and access with it.
/// </summary>
public sealed class CaseMember
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string UserEmail { get; set; }
    public string? DisplayName { get; set; }

    /// <summary>See <see cref="CaseRelations"/>.</summary>
    public required string Relation { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset? Until { get; set; }
    public string? Note { get; set; }
}

public static class CaseRelations
{
    public const string Secretary = "secretary";
    public const string Arbitrator = "arbitrator";
    public const string PresidingArbitrator = "presiding-arbitrator";
    public const string Director = "director";
    public const string Reviewer = "reviewer";
    public const string Notary = "notary";
    public const string Provider = "provider";
    public const string Verifier = "verifier";

    /// <summary>The tribunal: every arbitrator relation.</summary>
    public static bool IsTribunal(string relation) => relation is Arbitrator or PresidingArbitrator;

    /// <summary>The relation as people say it (办案秘书, 仲裁庭 …).</summary>
    public static string ChineseName(string relation) => relation switch
    {
        Secretary => "办案秘书",
        Arbitrator => "仲裁员",
        PresidingArbitrator => "首席仲裁员",
        "tribunal" => "仲裁庭成员",
        Director => "主任",
        Reviewer => "评查人员",
        Notary => "承办公证员",
        Provider => "法律援助人员",
        Verifier => "核查人员",
        _ => relation,
    };
}
