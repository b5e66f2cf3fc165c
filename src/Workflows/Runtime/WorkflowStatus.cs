namespace Justice.Workflows.Runtime;

/// <summary>Instance status and sub-status as strings, as the format writes them.</summary>
public static class WorkflowStatus
{
    public const string Running = "Running";
    public const string Finished = "Finished";
}

public static class WorkflowSubStatus
{
    public const string Executing = "Executing";
    public const string Suspended = "Suspended";
    public const string Finished = "Finished";
    public const string Cancelled = "Cancelled";
    public const string Faulted = "Faulted";
}

/// <summary>Journal events.</summary>
public static class JournalEvent
{
    public const string Started = "Started";
    public const string Completed = "Completed";
    public const string Skipped = "Skipped";
    public const string Suspended = "Suspended";
    public const string Resumed = "Resumed";
    public const string Faulted = "Faulted";
    public const string Cancelled = "Cancelled";

    /// <summary>The instance moved to another version of its definition (data: fromVersion, toVersion and their ids).</summary>
    public const string Migrated = "Migrated";
}
