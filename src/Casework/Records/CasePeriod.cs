namespace Justice.Casework.Records;

/// <summary>
/// A statutory period running in a case (fee prepayment, defence, award …): its start, its last day and its
/// state. A paused period keeps what was left and gets a new last day when it resumes.
/// </summary>
public sealed class CasePeriod
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public string? InstanceId { get; set; }

    /// <summary>The domain code (ARB-02 …) or a name the process gives it.</summary>
    public required string Code { get; set; }
    public required string Label { get; set; }
    public required string Unit { get; set; }
    public int Amount { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly DueOn { get; set; }

    /// <summary><c>running</c>, <c>paused</c>, <c>met</c>, <c>expired</c>, <c>cancelled</c>.</summary>
    public string Status { get; set; } = PeriodStatus.Running;
    public DateOnly? PausedOn { get; set; }
    public int? RemainingWhenPaused { get; set; }
    public string? PauseReason { get; set; }

    /// <summary>The day the period last resumed; its last day is then counted from here with <see cref="LeftWhenResumed"/>.</summary>
    public DateOnly? ResumedOn { get; set; }
    public int? LeftWhenResumed { get; set; }

    /// <summary>The bookmark whose timer fires when the period expires (when a process waits on it).</summary>
    public string? BookmarkId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class PeriodStatus
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Met = "met";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
}
