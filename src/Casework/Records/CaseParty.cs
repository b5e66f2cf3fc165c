namespace Justice.Casework.Records;

/// <summary>A party of a case (申请人, 被申请人, 第三人), a person or an organisation, with its agent.</summary>
public sealed class CaseParty
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }

    /// <summary><c>claimant</c>, <c>respondent</c>, <c>applicant</c>, <c>third-party</c>.</summary>
    public required string Side { get; set; }

    /// <summary><c>person</c> or <c>organization</c>.</summary>
    public string PartyKind { get; set; } = "person";
    public required string Name { get; set; }
    public string? Gender { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? IdNumber { get; set; }
    public string? CreditCode { get; set; }
    public string? Representative { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }

    /// <summary>The portal account of the party (it sees its own case).</summary>
    public string? UserEmail { get; set; }
    public string? AgentName { get; set; }
    public string? AgentEmail { get; set; }
    public int Ordinal { get; set; }
}

public static class PartySides
{
    public const string Claimant = "claimant";
    public const string Respondent = "respondent";
    public const string Applicant = "applicant";
    public const string ThirdParty = "third-party";

    public static string ChineseName(string side) => side switch
    {
        Claimant => "申请人",
        Respondent => "被申请人",
        Applicant => "申请人",
        _ => "第三人",
    };
}
