using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime.Stores;

/// <summary>The hot path of every burst: an instance with its bookmarks in, the burst's changes out. Activities never see it.</summary>
public interface IInstanceStore
{
    Task<(WorkflowInstanceRecord Instance, IReadOnlyList<BookmarkRecord> Bookmarks)?> LoadAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the changes of one unit of work in one transaction, with the effects' writes. Throws
    /// <see cref="WorkflowConflictException"/> when a consumed bookmark is already gone or an instance changed since
    /// it was loaded; nothing is then saved.
    /// </summary>
    Task CommitAsync(IReadOnlyList<InstanceChanges> changes, IReadOnlyList<IBurstEffect> effects, CancellationToken cancellationToken = default);
}
