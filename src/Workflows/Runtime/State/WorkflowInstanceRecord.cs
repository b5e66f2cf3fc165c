namespace Justice.Workflows.Runtime.State;

/// <summary>A workflow instance; its working state (variables, flowchart bookkeeping) is one JSON column.</summary>
public sealed class WorkflowInstanceRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionVersionId { get; set; }
    public int DefinitionVersion { get; set; }
    public string? Name { get; set; }
    public string? CorrelationId { get; set; }
    public required string Status { get; set; }
    public required string SubStatus { get; set; }
    public string? ParentInstanceId { get; set; }
    public string InputJson { get; set; } = "{}";
    public string OutputJson { get; set; } = "{}";
    public string StateJson { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The hash of the instance's last journal entry: where its next burst's entries link on (docs/engine.md §8).</summary>
    public string? JournalHead { get; set; }

    /// <summary>Incremented by every save; a save that finds another revision in the row loses the race.</summary>
    public long Revision { get; set; }
}
