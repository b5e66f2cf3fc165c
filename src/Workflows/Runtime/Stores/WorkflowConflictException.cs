namespace Justice.Workflows.Runtime.Stores;

/// <summary>A racing burst got there first (a bookmark was consumed, a task completed, or the instance moved on).</summary>
public class WorkflowConflictException(string message) : Exception(message);

/// <summary>The instance is faulted: what wants to resume it waits until an administrator retries (or cancels) it.</summary>
public sealed class WorkflowFaultedException(string message) : WorkflowConflictException(message);
