namespace Justice.Workflows.Runtime.State;

/// <summary>The inbox projection of a user-task bookmark (same id as the bookmark).</summary>
public sealed class HumanTaskRecord
{
    public const string Open = "Open";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";

    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string DefinitionId { get; set; }
    public required string ActivityId { get; set; }
    public required string Title { get; set; }
    public string? Instructions { get; set; }
    public string? Role { get; set; }
    public string? Assignee { get; set; }
    public string? CaseId { get; set; }
    public string OutcomesJson { get; set; } = "[]";
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Status { get; set; } = Open;
    public string? CompletedBy { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? DataJson { get; set; }

    /// <summary>A relation to the case (secretary, tribunal, director, reviewer …) whose active holders may act.</summary>
    public string? CaseRelation { get; set; }

    /// <summary>Relations to the case that bar a person from acting (a reviewer must not review a case they handled).</summary>
    public string? ExcludedRelationsJson { get; set; }

    /// <summary>The form to fill when completing: <c>[{name, label, type, required, options}]</c>.</summary>
    public string? FormJson { get; set; }

    /// <summary>The statutory period of the task (its last day is <see cref="DueAt"/>).</summary>
    public string? PeriodId { get; set; }
    public string? PeriodUnit { get; set; }
    public bool IsOverdue { get; set; }
}
