namespace Justice.Workflows.Runtime.State;

/// <summary>A point where an instance waits: found by <see cref="Hash"/> (type + stimulus), consumed exactly once.</summary>
public sealed class BookmarkRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public string PayloadJson { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A timer row resumes this bookmark (deleted with it).</summary>
    public bool HasTimer { get; set; }

    /// <summary>An inbox row mirrors this bookmark (closed with it).</summary>
    public bool HasTask { get; set; }
}
