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

    /// <summary>The input the timer resumes the bookmark with (e.g. <c>{"overdue": true}</c>).</summary>
    public JsonObject? TimerInput { get; init; }

    /// <summary>Without a timer, a due time that only marks the task overdue (its Overdue port is not connected).</summary>
    public DateTimeOffset? MarkOverdueAt { get; init; }

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
    public string? CaseRelation { get; init; }
    public IReadOnlyList<string>? ExcludedRelations { get; init; }
    public System.Text.Json.Nodes.JsonArray? Form { get; init; }
    public string? PeriodId { get; init; }
    public string? PeriodUnit { get; init; }
}
