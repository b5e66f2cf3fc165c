using Justice.Workflows.Common;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime;

/// <summary>Everything one burst changed of one instance; the store saves it in one transaction.</summary>
public sealed class InstanceChanges(WorkflowInstanceRecord instance, bool isNew, long expectedRevision)
{
    public WorkflowInstanceRecord Instance { get; } = instance;
    public bool IsNew { get; } = isNew;
    public long ExpectedRevision { get; } = expectedRevision;

    /// <summary>The journal's head as the burst read it: its entries link on from there.</summary>
    public string? LoadedJournalHead { get; } = instance.JournalHead;

    /// <summary>The bookmark this burst resumed; its DELETE must affect exactly one row, else another burst took it.</summary>
    public BookmarkRecord? ConsumedBookmark { get; set; }

    /// <summary>The task completed by this burst (same id as the consumed bookmark), with who decided what.</summary>
    public HumanTaskRecord? CompletedTask { get; set; }

    public List<BookmarkRecord> RemovedBookmarks { get; } = [];
    public List<BookmarkRecord> AddedBookmarks { get; } = [];
    public List<TimerRecord> AddedTimers { get; } = [];

    /// <summary>Timers of live bookmarks removed before <see cref="AddedTimers"/> are written (paused or moved periods).</summary>
    public List<(string BookmarkId, DateTimeOffset? DueAt)> TimerReschedules { get; } = [];
    public List<HumanTaskRecord> AddedTasks { get; } = [];
    public List<JournalRecord> Journal { get; } = [];
    public List<IncidentRecord> Incidents { get; } = [];

    /// <summary>Puts the numbers drawn at commit in place of their tokens in everything this burst writes.</summary>
    public void ReplaceTokens(IReadOnlyDictionary<string, string> numbers)
    {
        if (numbers.Count == 0)
            return;
        string R(string text) => Replace(text, numbers);
        Instance.StateJson = R(Instance.StateJson);
        Instance.OutputJson = R(Instance.OutputJson);
        if (Instance.Name is not null)
            Instance.Name = R(Instance.Name);
        if (Instance.CorrelationId is not null)
            Instance.CorrelationId = R(Instance.CorrelationId);
        foreach (var entry in Journal)
            entry.DataJson = R(entry.DataJson);
        foreach (var bookmark in AddedBookmarks)
            bookmark.PayloadJson = R(bookmark.PayloadJson);
        foreach (var task in AddedTasks)
        {
            task.Title = R(task.Title);
            if (task.Instructions is not null)
                task.Instructions = R(task.Instructions);
        }
        foreach (var timer in AddedTimers.Where(t => t.InputJson is not null))
            timer.InputJson = R(timer.InputJson!);
    }

    /// <summary>
    /// Links the burst's journal entries onto the instance's chain, from the head the burst read, and moves the head
    /// to the last one. Called at commit, after the numbers are in place: the hash covers what is written. A burst
    /// that is rolled back puts the head back with <see cref="UnlinkJournal"/>.
    /// </summary>
    public void LinkJournal()
    {
        var head = LoadedJournalHead ?? HashChain.Genesis;
        foreach (var entry in Journal)
            head = entry.Link(head);
        Instance.JournalHead = head;
    }

    /// <summary>The instance's head as it was read (the burst was not written).</summary>
    public void UnlinkJournal() => Instance.JournalHead = LoadedJournalHead;

    public static string Replace(string text, IReadOnlyDictionary<string, string> numbers)
    {
        if (!text.Contains('⟦'))
            return text;
        foreach (var (token, number) in numbers)
            text = text.Replace(token, number, StringComparison.Ordinal);
        return text;
    }
}

/// <summary>The instances touched by one stimulus (a parent and the sub-processes it started), committed together.</summary>
public sealed class UnitOfWork
{
    readonly List<WorkflowExecutionContext> _contexts = [];

    public IReadOnlyList<WorkflowExecutionContext> Contexts => _contexts;

    readonly List<IBurstEffect> _effects = [];

    /// <summary>Changes besides the instances (cases, documents …), written in the same transaction.</summary>
    public IReadOnlyList<IBurstEffect> Effects => _effects;

    /// <summary>The unit's single effect of a kind, created on first use.</summary>
    public T GetOrAddEffect<T>(Func<T> create) where T : IBurstEffect
    {
        var existing = _effects.OfType<T>().FirstOrDefault();
        if (existing is not null)
            return existing;
        var created = create();
        _effects.Add(created);
        return created;
    }

    /// <summary>Events published by activities, delivered after the commit.</summary>
    public List<PublishedEvent> PublishedEvents { get; } = [];

    internal void Add(WorkflowExecutionContext context) => _contexts.Add(context);
}

public sealed record PublishedEvent(string EventName, string? CorrelationId, string? InstanceId, System.Text.Json.Nodes.JsonNode? Payload);
