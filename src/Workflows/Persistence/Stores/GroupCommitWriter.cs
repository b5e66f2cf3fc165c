using System.Data.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>
/// The single writer of the process: bursts that arrive while a transaction is being written queue up and are
/// written together in the next transaction, each inside its own savepoint, so that one burst losing a race (or
/// failing) is rolled back alone. A burst's task completes only after the transaction holding it has committed.
/// </summary>
internal sealed class GroupCommitWriter(IDbContextFactory<WorkflowDbContext> factory, WriteGate gate) : IAsyncDisposable
{
    readonly WriteConnection _writer = new(factory);

    public async ValueTask DisposeAsync()
    {
        _commits.Writer.TryComplete();
        if (_writerLoop is not null)
            await _writerLoop;
        await _writer.DisposeAsync();
    }

    public async Task CommitAsync(IReadOnlyList<InstanceChanges> changes, IReadOnlyList<IBurstEffect> effects, CancellationToken cancellationToken = default)
    {
        // The journal is linked here, on the committing caller's thread, so that hashing runs in parallel; the single
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
        System.Threading.Channels.Channel.CreateUnbounded<PendingCommit>(new() { SingleReader = true });
    readonly Lock _writerLock = new();
    Task? _writerLoop;

    void EnsureWriterRunning()
    {
        lock (_writerLock)
            _writerLoop ??= Task.Run(WriteLoopAsync);
    }

    async Task WriteLoopAsync()
    {
        var group = new List<PendingCommit>(MaxGroup);
        while (await _commits.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && _commits.Reader.TryRead(out var next))
                group.Add(next);
            try
            {
                await WriteGroupAsync(group);
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
                await _writer.ResetAsync();
                Exception failure = IsLostRace(ex) ? new WorkflowConflictException("与其他节点的写入冲突，请重试。") : ex;
                foreach (var item in group)
                    item.Done.TrySetException(failure);
            }
        }
    }

    async Task WriteGroupAsync(List<PendingCommit> group)
    {
        using var turn = await gate.EnterAsync(CancellationToken.None);
        var connection = await _writer.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        WorkflowMetrics.Transactions.Add(1);
        for (var i = 0; i < group.Count; i++)
        {
            var item = group[i];
            var savepoint = $"burst{i}";
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
                    await BurstRows.WriteGuardedAsync(_writer, connection, transaction, change, CancellationToken.None);
                var batch = new SqlBatch();
                foreach (var change in item.Changes)
                    BurstRows.Append(batch, change);
                await batch.ExecuteAsync(_writer, connection, transaction, CancellationToken.None);
                foreach (var effect in item.Effects)
                    await effect.WriteAsync(burst, CancellationToken.None);
                await transaction.ReleaseAsync(savepoint);
            }
            catch (Exception ex)
            {
                await transaction.RollbackAsync(savepoint);
                await transaction.ReleaseAsync(savepoint);
                item.Failure = ex is DbUpdateConcurrencyException || IsLostRace(ex) ? new WorkflowConflictException("案件已被其他操作修改。") : ex;
                foreach (var change in item.Changes)
                {
                    change.Instance.Revision = change.ExpectedRevision;
                    change.UnlinkJournal();
                }
            }
        }
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
