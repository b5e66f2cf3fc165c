using System.Text.Json.Nodes;

namespace Justice.Workflows.Runtime;

/// <summary>
/// What a blocking activity asks for: a bookmark with a payload and an optional stimulus key (event name) that
/// makes its lookup hash, an optional time at which it resumes by itself, and an optional inbox task.
/// </summary>
public sealed record BookmarkRequest(JsonObject Payload)
{
    public string? Stimulus { get; init; }
    public DateTimeOffset? ResumeAt { get; init; }
    public HumanTaskRequest? Task { get; init; }

    /// <summary>A pre-allocated id (a sub-process is told its parent's bookmark before the bookmark is saved).</summary>
    public string? Id { get; init; }
}

/// <summary>An inbox entry for a human task.</summary>
public sealed record HumanTaskRequest(string Title, string? Role, IReadOnlyList<string> Outcomes)
{
    public string? Instructions { get; init; }
    public string? Assignee { get; init; }
    public string? CaseId { get; init; }
    public DateTimeOffset? DueAt { get; init; }
}
