using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime.Stores;

/// <summary>The inbox rows of user-task bookmarks: read, listed, and (re)assigned.</summary>
public interface ITaskStore
{
    Task<HumanTaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Sets a task's assignee if it is open and still has the expected one; false otherwise.</summary>
    Task<bool> SetAssigneeAsync(string taskId, string? expected, string? assignee, CancellationToken cancellationToken = default);

    /// <summary>The open tasks of some instances.</summary>
    Task<IReadOnlyList<HumanTaskRecord>> GetOpenTasksAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>Open tasks for any of the roles, assigned to the user, or of a case relation in the given cases; nearest deadline first.</summary>
    Task<(IReadOnlyList<HumanTaskRecord> Items, int TotalCount)> ListOpenTasksAsync(IReadOnlyCollection<string> roles, string? userId, IReadOnlyCollection<string> caseIds, int page, int pageSize, CancellationToken cancellationToken = default);
}
