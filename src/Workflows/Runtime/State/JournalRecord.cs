namespace Justice.Workflows.Runtime.State;

/// <summary>One activity event of an instance, append-only, in sequence.</summary>
public sealed class JournalRecord
{
    public required string InstanceId { get; set; }
    public int Sequence { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public required string Event { get; set; }
    public string OutcomesJson { get; set; } = "[]";
    public string DataJson { get; set; } = "{}";
}
