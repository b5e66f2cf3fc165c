namespace Justice.Workflows.Runtime.State;

/// <summary>
/// A scheduled resume of a bookmark: a durable timer (Delay, Timer, StartAt, statutory periods) or a hand-off
/// due at once (a finished sub-process resuming its parent). Claimed with a lease; at-least-once delivery,
/// exactly-once effect through the bookmark guard.
/// </summary>
public sealed class TimerRecord
{
    public required string Id { get; set; }
    public required string BookmarkId { get; set; }
    public required string InstanceId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public string? InputJson { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public int Attempts { get; set; }

    /// <summary><see cref="TimerKinds.Resume"/> resumes the bookmark; <see cref="TimerKinds.MarkOverdue"/> only marks its task overdue.</summary>
    public string Kind { get; set; } = TimerKinds.Resume;
}

public static class TimerKinds
{
    public const string Resume = "resume";
    public const string MarkOverdue = "mark-overdue";

    /// <summary>
    /// Starts the published version of a definition through its cron trigger: <see cref="TimerRecord.InstanceId"/> holds
    /// the version id, <see cref="TimerRecord.BookmarkId"/> the trigger activity's id; re-armed for the next occurrence.
    /// </summary>
    public const string StartTrigger = "start-trigger";
}
