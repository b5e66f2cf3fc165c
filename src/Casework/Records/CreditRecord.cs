namespace Justice.Casework.Records;

/// <summary>
/// A dishonesty record (失信记录): who, what act, on what evidence, decided by whom, valid until when, repaired
/// when. While it is in force the person may not use the commitment route, and notarial review is strict.
/// </summary>
public sealed class CreditRecord
{
    public required string Id { get; set; }

    /// <summary>Resident ID number or unified social credit code.</summary>
    public required string SubjectId { get; set; }
    public required string SubjectName { get; set; }
    public required string Act { get; set; }
    public string? Evidence { get; set; }
    public DateOnly RecordedOn { get; set; }
    public DateOnly ValidUntil { get; set; }
    public DateOnly? RepairedOn { get; set; }
    public string? RepairNote { get; set; }
    public string? DecidedBy { get; set; }
    public string? CaseId { get; set; }

    /// <summary>When it was pushed to the municipal public credit platform (null until then).</summary>
    public DateTimeOffset? PushedAt { get; set; }
    public bool IsDemo { get; set; }

    public bool InForce(DateOnly on) => RepairedOn is null && on <= ValidUntil;
}
