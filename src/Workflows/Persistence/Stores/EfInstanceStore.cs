using System.Data.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>
/// Loads an instance with its bookmarks in one round trip and hands a unit of work's changes to the group-commit
/// writer (one burst is one savepoint of a shared transaction).
/// </summary>
public sealed class EfInstanceStore(IDbContextFactory<WorkflowDbContext> factory, WriteGate gate) : IInstanceStore, IAsyncDisposable, IDisposable
{
    readonly GroupCommitWriter _writer = new(factory, gate);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>The hot read of every resume: the instance row and its bookmarks in one round trip.</summary>
    public async Task<(WorkflowInstanceRecord Instance, IReadOnlyList<BookmarkRecord> Bookmarks)?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"""
            SELECT {InstanceRows.InstanceSelect} FROM "WorkflowInstances" WHERE "Id" = @id;
            SELECT {InstanceRows.BookmarkSelect} FROM "Bookmarks" WHERE "InstanceId" = @id
            """;
        InstanceRows.AddParameter(command, "@id", instanceId);
        WorkflowMetrics.Reads.Add(1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var instance = InstanceRows.ReadInstance(reader);
        await reader.NextResultAsync(cancellationToken);
        var bookmarks = new List<BookmarkRecord>();
        while (await reader.ReadAsync(cancellationToken))
            bookmarks.Add(InstanceRows.ReadBookmark(reader));
        return (instance, bookmarks);
    }

    public Task CommitAsync(IReadOnlyList<InstanceChanges> changes, IReadOnlyList<IBurstEffect> effects, CancellationToken cancellationToken = default) =>
        _writer.CommitAsync(changes, effects, cancellationToken);
}
