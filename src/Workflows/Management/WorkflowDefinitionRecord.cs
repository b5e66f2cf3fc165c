namespace Justice.Workflows.Management;

/// <summary>One version of a definition, with its JSON exactly as saved (for exact round-trip).</summary>
public sealed class WorkflowDefinitionRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public required string Json { get; set; }
    public int ProblemCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
