namespace Justice.Casework.Records;

/// <summary>A case of the bureau (arbitration, notary, commitment, legal aid): the headline record of a file.</summary>
public sealed class CaseRecord
{
    public required string Id { get; set; }

    /// <summary><c>arbitration</c>, <c>notary</c>, <c>commitment</c> or <c>legal-aid</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The case number, e.g. <c>（2026）衡仲字第0001号</c>; null until it is assigned.</summary>
    public string? Number { get; set; }

    public required string Title { get; set; }

    /// <summary>The legal stage name (申请, 受理, 组庭, 开庭, 裁决, 结案, 归档 …).</summary>
    public required string Stage { get; set; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string Status { get; set; } = CaseStatus.Open;

    /// <summary>How the case ended when closed (裁决, 调解, 撤回, 视为撤回, 不予受理 …).</summary>
    public string? Outcome { get; set; }

    public string? Procedure { get; set; }
    public decimal? AmountInDispute { get; set; }
    public DateOnly? FiledOn { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The rule set in force on the acceptance date, kept with the case (later rule sets do not change it).</summary>
    public string? RuleSetId { get; set; }
    public string? RuleSetJson { get; set; }

    /// <summary>Further fields of the kind (JSON object).</summary>
    public string FieldsJson { get; set; } = "{}";

    /// <summary>For a commitment case, the kind of the case that used it (<c>notary</c>, <c>legal-aid</c>); computed from <see cref="FieldsJson"/>.</summary>
    public string? ParentKind { get; private set; }

    public string? InstanceId { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Revision { get; set; }
}

public static class CaseStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}

public static class CaseKinds
{
    public const string Arbitration = "arbitration";
    public const string Notary = "notary";
    public const string Commitment = "commitment";
    public const string LegalAid = "legal-aid";
}
