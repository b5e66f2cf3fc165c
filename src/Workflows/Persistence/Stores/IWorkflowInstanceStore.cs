using Justice.Workflows.Persistence.Entities;
using Justice.Workflows.Runtime;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>Instances, their bookmarks, timers, tasks, journal and incidents. Activities never see it.</summary>
public interface IWorkflowInstanceStore
{
    Task<(WorkflowInstanceRecord Instance, IReadOnlyList<BookmarkRecord> Bookmarks)?> LoadAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>Bookmarks with a hash, optionally only those of instances with a correlation id or of one instance.</summary>
    Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string hash, string? correlationId, string? instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the changes of one unit of work in one transaction. Throws <see cref="WorkflowConflictException"/>
    /// when a consumed bookmark is already gone or an instance changed since it was loaded; nothing is then saved.
    /// </summary>
    Task CommitAsync(IReadOnlyList<InstanceChanges> changes, IReadOnlyList<IPersistentEffect> effects, CancellationToken cancellationToken = default);

    /// <summary>Claims due timers with a lease (expired leases are claimed again), optionally only those of some instances.</summary>
    Task<IReadOnlyList<TimerRecord>> ClaimDueTimersAsync(DateTimeOffset now, TimeSpan lease, int max, IReadOnlyCollection<string>? instanceIds = null, CancellationToken cancellationToken = default);

    /// <summary>Sets a task's assignee if it is open and still has the expected one; false otherwise.</summary>
    Task<bool> SetAssigneeAsync(string taskId, string? expected, string? assignee, CancellationToken cancellationToken = default);

    /// <summary>The open tasks of some instances.</summary>
    Task<IReadOnlyList<HumanTaskRecord>> GetOpenTasksAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>The sub-processes an instance started.</summary>
    Task<IReadOnlyList<WorkflowInstanceRecord>> GetChildrenAsync(string parentInstanceId, CancellationToken cancellationToken = default);

    Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken cancellationToken = default);

    Task DeleteTimerAsync(string timerId, CancellationToken cancellationToken = default);

    /// <summary>Adds a timer on its own (an event kept for a faulted instance, delivered once it runs again).</summary>
    Task AddTimerAsync(TimerRecord timer, CancellationToken cancellationToken = default);

    /// <summary>Frees the leases of an instance's timers, so that the due ones fire at the next claim.</summary>
    Task ReleaseTimersAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>A task's period ran out while its Overdue port is not connected: the task stays open, marked overdue.</summary>
    Task MarkOverdueAsync(TimerRecord timer, CancellationToken cancellationToken = default);

    Task<WorkflowInstanceRecord?> FindAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BookmarkRecord>> GetBookmarksAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<(IReadOnlyList<WorkflowInstanceRecord> Items, int TotalCount)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    Task<HumanTaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Open tasks for any of the roles, assigned to the user, or of a case relation in the given cases; nearest deadline first.</summary>
    Task<(IReadOnlyList<HumanTaskRecord> Items, int TotalCount)> ListOpenTasksAsync(IReadOnlyCollection<string> roles, string? userId, IReadOnlyCollection<string> caseIds, int page, int pageSize, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, int>> CountInstancesByVersionAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Per version of a definition: how many instances it has, and how many of them still run.</summary>
    Task<IReadOnlyDictionary<string, (int Total, int Running)>> CountInstancesPerVersionAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Per definition: how many of its instances still run.</summary>
    Task<IReadOnlyDictionary<string, int>> CountRunningPerDefinitionAsync(CancellationToken cancellationToken = default);
}

public sealed record InstanceQuery(string? DefinitionId, string? Status, string? SubStatus, string? CorrelationId, int Page, int PageSize);

/// <summary>A racing burst got there first (a bookmark was consumed, a task completed, or the instance moved on).</summary>
public class WorkflowConflictException(string message) : Exception(message);

/// <summary>The instance is faulted: what wants to resume it waits until an administrator retries (or cancels) it.</summary>
public sealed class WorkflowFaultedException(string message) : WorkflowConflictException(message);
