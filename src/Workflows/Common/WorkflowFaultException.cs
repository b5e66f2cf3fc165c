namespace Justice.Workflows.Common;

/// <summary>Thrown by an activity to fault its instance with an incident carrying a code, category and message.</summary>
public sealed class WorkflowFaultException(string code, string message, string? category = null) : Exception(message)
{
    public string Code { get; } = code;
    public string? Category { get; } = category;
}
