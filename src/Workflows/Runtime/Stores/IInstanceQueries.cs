using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime.Stores;

/// <summary>What views and administration read about instances: one instance, its journal, lists and counts.</summary>
public interface IInstanceQueries
{
    Task<WorkflowInstanceRecord?> FindAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>The sub-processes an instance started.</summary>
    Task<IReadOnlyList<WorkflowInstanceRecord>> GetChildrenAsync(string parentInstanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BookmarkRecord>> GetBookmarksAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<(IReadOnlyList<WorkflowInstanceRecord> Items, int TotalCount)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, int>> CountInstancesByVersionAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Per version of a definition: how many instances it has, and how many of them still run.</summary>
    Task<IReadOnlyDictionary<string, (int Total, int Running)>> CountInstancesPerVersionAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>The ids of the instances on a version that have not ended: running, or faulted and waiting for a retry; oldest first.</summary>
    Task<IReadOnlyList<string>> ListUnfinishedOnVersionAsync(string versionId, CancellationToken cancellationToken = default);

    /// <summary>Per definition: how many of its instances still run.</summary>
    Task<IReadOnlyDictionary<string, int>> CountRunningPerDefinitionAsync(CancellationToken cancellationToken = default);
}

public sealed record InstanceQuery(string? DefinitionId, string? Status, string? SubStatus, string? CorrelationId, int Page, int PageSize);
