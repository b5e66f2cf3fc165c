namespace Justice.Workflows.Definitions;

/// <summary>A connection of a flowchart, from an outcome port of one activity to another activity.</summary>
public sealed record FlowConnection(int Index, string Source, string SourcePort, string Target, string TargetPort)
{
    /// <summary>True when the connection closes a loop (its target is an ancestor of its source from the start).</summary>
    public bool IsBackward { get; internal set; }
}
