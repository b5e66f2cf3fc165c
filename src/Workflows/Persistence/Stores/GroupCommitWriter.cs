using System.Data.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>
/// The writer of the process: bursts that arrive while a transaction is being written queue up and are written
/// together in the next transaction, each inside its own savepoint, so that one burst losing a race (or failing) is
/// rolled back alone. A burst's task completes only after the transaction holding it has committed. SQLite has one
/// writer loop; PostgreSQL, which admits concurrent writers, has <see cref="WriteGate.Writers"/> loops taking from
/// the same queue, each with a connection of its own.
/// </summary>
internal sealed class GroupCommitWriter(IDbContextFactory<WorkflowDbContext> factory, WriteGate gate) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        _commits.Writer.TryComplete();
        if (_writerLoops is not null)
            await Task.WhenAll(_writerLoops);
    }

    public async Task CommitAsync(IReadOnlyList<InstanceChanges> changes, IReadOnlyList<IBurstEffect> effects, CancellationToken cancellationToken = default)
    {
        // The journal is linked here, on the committing caller's thread, so that hashing runs in parallel; the
        // writer links again only a burst whose journal changes when its numbers are drawn.
        foreach (var change in changes)
            change.LinkJournal();
        var pending = new PendingCommit(changes, effects);
        await _commits.Writer.WriteAsync(pending, cancellationToken);
        EnsureWriterRunning();
        await pending.Done.Task;
    }

    sealed class PendingCommit(IReadOnlyList<InstanceChanges> changes, IReadOnlyList<IBurstEffect> effects)
    {
        public IReadOnlyList<InstanceChanges> Changes { get; } = changes;
        public IReadOnlyList<IBurstEffect> Effects { get; } = effects;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Exception? Failure { get; set; }
    }

    const int MaxGroup = 64;
    readonly System.Threading.Channels.Channel<PendingCommit> _commits =
        System.Threading.Channels.Channel.CreateUnbounded<PendingCommit>(new() { SingleReader = gate.Writers == 1 });
    readonly Lock _writerLock = new();
    Task[]? _writerLoops;

    void EnsureWriterRunning()
    {
        lock (_writerLock)
            _writerLoops ??= [.. Enumerable.Range(0, gate.Writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    async Task WriteLoopAsync()
    {
        await using var writer = new WriteConnection(factory);
        var group = new List<PendingCommit>(MaxGroup);
        while (await _commits.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && _commits.Reader.TryRead(out var next))
                group.Add(next);
            if (group.Count == 0)
                continue; // another writer loop took them
            try
            {
                await WriteGroupAsync(writer, group);
                foreach (var item in group)
                {
                    if (item.Failure is null)
                        item.Done.TrySetResult();
                    else
                        item.Done.TrySetException(item.Failure);
                }
            }
            catch (Exception ex)
            {
                // The transaction itself failed: nothing of the group was committed. A deadlock with another node's
                // transaction is a race lost: the bursts are run again from what is stored (a conflict).
                await writer.ResetAsync();
                Exception failure = IsLostRace(ex) ? new WorkflowConflictException("与其他节点的写入冲突，请重试。") : ex;
                foreach (var item in group)
                    item.Done.TrySetException(failure);
            }
        }
    }

    async Task WriteGroupAsync(WriteConnection writer, List<PendingCommit> group)
    {
        using var turn = await gate.EnterAsync(CancellationToken.None);
        var connection = await writer.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        WorkflowMetrics.Transactions.Add(1);
        // On PostgreSQL a group of one burst goes without a savepoint (two round trips fewer): when it fails, the
        // whole transaction is rolled back instead. SQLite keeps its savepoints.
        var savepoints = gate.IsExclusive || group.Count > 1;
        for (var i = 0; i < group.Count; i++)
        {
            var item = group[i];
            var savepoint = $"burst{i}";
            if (savepoints)
                await transaction.SaveAsync(savepoint);
            try
            {
                var burst = new BurstTransaction(connection, transaction);
                var numbers = await DrawNumbersAsync(burst, item.Effects);
                if (numbers.Count > 0)
                {
                    foreach (var change in item.Changes)
                    {
                        change.ReplaceTokens(numbers);
                        change.LinkJournal();
                    }
                }
                foreach (var effect in item.Effects)
                    effect.ResolveTokens(numbers);
                foreach (var change in item.Changes)
                    await BurstRows.WriteGuardedAsync(writer, connection, transaction, change, CancellationToken.None);
                var batch = new SqlBatch();
                foreach (var change in item.Changes)
                    BurstRows.Append(batch, change);
                await batch.ExecuteAsync(writer, connection, transaction, CancellationToken.None);
                foreach (var effect in item.Effects)
                    await effect.WriteAsync(burst, CancellationToken.None);
                if (savepoints)
                    await transaction.ReleaseAsync(savepoint);
            }
            catch (Exception ex)
            {
                if (savepoints)
                {
                    await transaction.RollbackAsync(savepoint);
                    await transaction.ReleaseAsync(savepoint);
                }
                else
                {
                    await transaction.RollbackAsync();
                }
                item.Failure = ex is DbUpdateConcurrencyException || IsLostRace(ex) ? new WorkflowConflictException("案件已被其他操作修改。") : ex;
                foreach (var change in item.Changes)
                {
                    change.Instance.Revision = change.ExpectedRevision;
                    change.UnlinkJournal();
                }
            }
        }
        if (!savepoints && group[0].Failure is not null)
            return;
        await transaction.CommitAsync();
        if (gate.IsExclusive && ++_sinceCheckpoint >= CheckpointEvery)
        {
            _sinceCheckpoint = 0;
            await KeepWalShortAsync(connection);
        }
    }


    /// <summary>PostgreSQL chose this transaction to end a deadlock, or could not serialize it: nothing was written.</summary>
    internal static bool IsLostRace(Exception ex) =>
        (ex as Npgsql.PostgresException ?? ex.InnerException as Npgsql.PostgresException)?.SqlState is "40P01" or "40001";

    const int CheckpointEvery = 200;
    const long WalFramesLimit = 8192;
    int _sinceCheckpoint;

    /// <summary>
    /// Under constant load SQLite's automatic (passive) checkpoints never find a moment without readers, so the WAL grows
    /// without bound and every read gets slower. Every few hundred transactions, while still holding the write turn,
    /// a passive checkpoint measures the log; past the limit a RESTART checkpoint waits (busy timeout) for the short
    /// reads in flight and lets the next write start the log from the beginning.
    /// </summary>
    static async Task KeepWalShortAsync(DbConnection connection)
    {
        await using var passive = connection.CreateCommand();
        passive.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        long frames = 0;
        await using (var reader = await passive.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
                frames = reader.GetInt64(1);
        }
        if (frames < WalFramesLimit)
            return;
        await using var restart = connection.CreateCommand();
        restart.CommandText = "PRAGMA wal_checkpoint(RESTART);";
        await restart.ExecuteNonQueryAsync();
        WorkflowMetrics.Checkpoints.Add(1);
    }

    /// <summary>Draws the next value of each reserved series in this transaction (rolled back with it: no gaps).</summary>
    /// <summary>Every effect draws its reserved numbers in this transaction (rolled back with it: no gaps).</summary>
    static async Task<IReadOnlyDictionary<string, string>> DrawNumbersAsync(BurstTransaction burst, IReadOnlyList<IBurstEffect> effects)
    {
        if (effects.Count == 0)
            return EmptyNumbers;
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var effect in effects)
            foreach (var (token, number) in await effect.DrawNumbersAsync(burst, CancellationToken.None))
                numbers[token] = number;
        return numbers;
    }

    static readonly IReadOnlyDictionary<string, string> EmptyNumbers = new Dictionary<string, string>();
}
