using Justice.Workflows.Persistence.Entities;

namespace Justice.Workflows.Runtime;

/// <summary>Everything one burst changed of one instance; the store saves it in one transaction.</summary>
public sealed class InstanceChanges(WorkflowInstanceRecord instance, bool isNew, long expectedRevision)
{
    public WorkflowInstanceRecord Instance { get; } = instance;
    public bool IsNew { get; } = isNew;
    public long ExpectedRevision { get; } = expectedRevision;

    /// <summary>The bookmark this burst resumed; its DELETE must affect exactly one row, else another burst took it.</summary>
    public BookmarkRecord? ConsumedBookmark { get; set; }

    /// <summary>The task completed by this burst (same id as the consumed bookmark), with who decided what.</summary>
    public HumanTaskRecord? CompletedTask { get; set; }

    public List<BookmarkRecord> RemovedBookmarks { get; } = [];
    public List<BookmarkRecord> AddedBookmarks { get; } = [];
    public List<TimerRecord> AddedTimers { get; } = [];
    public List<HumanTaskRecord> AddedTasks { get; } = [];
    public List<JournalRecord> Journal { get; } = [];
    public List<IncidentRecord> Incidents { get; } = [];
}

/// <summary>The instances touched by one stimulus (a parent and the sub-processes it started), committed together.</summary>
public sealed class UnitOfWork
{
    readonly List<WorkflowExecutionContext> _contexts = [];

    public IReadOnlyList<WorkflowExecutionContext> Contexts => _contexts;

    /// <summary>Events published by activities, delivered after the commit.</summary>
    public List<PublishedEvent> PublishedEvents { get; } = [];

    internal void Add(WorkflowExecutionContext context) => _contexts.Add(context);
}

public sealed record PublishedEvent(string EventName, string? CorrelationId, string? InstanceId, System.Text.Json.Nodes.JsonNode? Payload);
