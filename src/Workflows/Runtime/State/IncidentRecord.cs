namespace Justice.Workflows.Runtime.State;

/// <summary>A fault of an instance: which activity, what happened.</summary>
public sealed class IncidentRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public string? Code { get; set; }
    public string? Category { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset At { get; set; }
}
