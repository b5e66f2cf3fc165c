using Justice.Workflows.Persistence.Entities;
using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>The instance store on EF Core (SQLite by default). One burst is one transaction.</summary>
public sealed class EfWorkflowInstanceStore(IDbContextFactory<WorkflowDbContext> factory, WriteGate gate) : IWorkflowInstanceStore, IAsyncDisposable, IDisposable
{
    readonly WriteConnection _writer = new(factory);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        _commits.Writer.TryComplete();
        if (_writerLoop is not null)
            await _writerLoop;
        await _writer.DisposeAsync();
    }

    /// <summary>The hot read of every resume: the instance row and its bookmarks in one round trip.</summary>
    public async Task<(WorkflowInstanceRecord Instance, IReadOnlyList<BookmarkRecord> Bookmarks)?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"""
            SELECT {InstanceSelect} FROM "WorkflowInstances" WHERE "Id" = @id;
            SELECT {BookmarkSelect} FROM "Bookmarks" WHERE "InstanceId" = @id
            """;
        AddParameter(command, "@id", instanceId);
        WorkflowMetrics.Reads.Add(1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var instance = ReadInstance(reader);
        await reader.NextResultAsync(cancellationToken);
        var bookmarks = new List<BookmarkRecord>();
        while (await reader.ReadAsync(cancellationToken))
            bookmarks.Add(ReadBookmark(reader));
        return (instance, bookmarks);
    }

    static string InstanceSelect => field ??= string.Join(", ", InstanceColumns.Select(c => $"\"{c}\""));
    static string BookmarkSelect => field ??= string.Join(", ", BookmarkColumns.Select(c => $"\"{c}\""));

    static void AddParameter(System.Data.Common.DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    static string? NullableString(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    static DateTimeOffset Time(System.Data.Common.DbDataReader r, int i) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    static WorkflowInstanceRecord ReadInstance(System.Data.Common.DbDataReader r) => new()
    {
        Id = r.GetString(0),
        DefinitionId = r.GetString(1),
        DefinitionVersionId = r.GetString(2),
        DefinitionVersion = r.GetInt32(3),
        Name = NullableString(r, 4),
        CorrelationId = NullableString(r, 5),
        Status = r.GetString(6),
        SubStatus = r.GetString(7),
        ParentInstanceId = NullableString(r, 8),
        InputJson = r.GetString(9),
        OutputJson = r.GetString(10),
        StateJson = r.GetString(11),
        CreatedAt = Time(r, 12),
        UpdatedAt = Time(r, 13),
        FinishedAt = r.IsDBNull(14) ? null : Time(r, 14),
        Revision = r.GetInt64(15),
    };

    static BookmarkRecord ReadBookmark(System.Data.Common.DbDataReader r) => new()
    {
        Id = r.GetString(0),
        InstanceId = r.GetString(1),
        ActivityId = r.GetString(2),
        Name = r.GetString(3),
        Hash = r.GetString(4),
        PayloadJson = r.GetString(5),
        CreatedAt = Time(r, 6),
        HasTimer = r.GetBoolean(7),
        HasTask = r.GetBoolean(8),
    };

    public async Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken);
    }

    public async Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string hash, string? correlationId, string? instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var sql = new System.Text.StringBuilder($"""SELECT {BookmarkSelect} FROM "Bookmarks" AS b WHERE b."Hash" = @hash""");
        AddParameter(command, "@hash", hash);
        if (instanceId is not null)
        {
            sql.Append(""" AND b."InstanceId" = @instance""");
            AddParameter(command, "@instance", instanceId);
        }
        if (correlationId is not null)
        {
            sql.Append(""" AND EXISTS (SELECT 1 FROM "WorkflowInstances" AS i WHERE i."Id" = b."InstanceId" AND i."CorrelationId" = @correlation)""");
            AddParameter(command, "@correlation", correlationId);
        }
        sql.Append(""" ORDER BY b."CreatedAt", b."Id" """);
        command.CommandText = sql.ToString();
        WorkflowMetrics.Reads.Add(1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bookmarks = new List<BookmarkRecord>();
        while (await reader.ReadAsync(cancellationToken))
            bookmarks.Add(ReadBookmark(reader));
        return bookmarks;
    }

    /// <summary>
    /// Group commit: bursts that arrive while a transaction is being written queue up and are written together in
    /// the next transaction, each inside its own savepoint, so that one burst losing a race (or failing) is rolled
    /// back alone. A burst's task completes only after the transaction holding it has committed.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<InstanceChanges> changes, IReadOnlyList<IPersistentEffect> effects, CancellationToken cancellationToken = default)
    {
        var pending = new PendingCommit(changes, effects);
        await _commits.Writer.WriteAsync(pending, cancellationToken);
        EnsureWriterRunning();
        await pending.Done.Task;
    }

    sealed class PendingCommit(IReadOnlyList<InstanceChanges> changes, IReadOnlyList<IPersistentEffect> effects)
    {
        public IReadOnlyList<InstanceChanges> Changes { get; } = changes;
        public IReadOnlyList<IPersistentEffect> Effects { get; } = effects;
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
                // The transaction itself failed: nothing of the group was committed.
                await _writer.ResetAsync();
                foreach (var item in group)
                    item.Done.TrySetException(ex);
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
                var numbers = await DrawNumbersAsync(connection, transaction, item.Effects);
                foreach (var change in item.Changes)
                    change.ReplaceTokens(numbers);
                foreach (var effect in item.Effects)
                    effect.ResolveTokens(numbers);
                foreach (var change in item.Changes)
                    await WriteGuardedAsync(_writer, connection, transaction, change, CancellationToken.None);
                var batch = new SqlBatch();
                foreach (var change in item.Changes)
                    AppendRows(batch, change);
                await batch.ExecuteAsync(_writer, connection, transaction, CancellationToken.None);
                if (item.Effects.Count > 0)
                    await ApplyEffectsAsync(transaction, item.Effects);
                await transaction.ReleaseAsync(savepoint);
            }
            catch (Exception ex)
            {
                _writer.Context?.ChangeTracker.Clear();
                await transaction.RollbackAsync(savepoint);
                await transaction.ReleaseAsync(savepoint);
                item.Failure = ex is DbUpdateConcurrencyException ? new WorkflowConflictException("案件已被其他操作修改。") : ex;
                foreach (var change in item.Changes)
                    change.Instance.Revision = change.ExpectedRevision;
            }
        }
        await transaction.CommitAsync();
        if (gate.IsExclusive && ++_sinceCheckpoint >= CheckpointEvery)
        {
            _sinceCheckpoint = 0;
            await KeepWalShortAsync(connection);
        }
    }

    const int CheckpointEvery = 200;
    const long WalFramesLimit = 8192;
    int _sinceCheckpoint;

    /// <summary>
    /// Under constant load SQLite's automatic (passive) checkpoints never find a moment without readers, so the WAL grows
    /// without bound and every read gets slower. Every few hundred transactions, while still holding the write turn,
    /// a passive checkpoint measures the log; past the limit a RESTART checkpoint waits (busy timeout) for the short
    /// reads in flight and lets the next write start the log from the beginning.
    /// </summary>
    static async Task KeepWalShortAsync(System.Data.Common.DbConnection connection)
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
    async Task<IReadOnlyDictionary<string, string>> DrawNumbersAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, IReadOnlyList<IPersistentEffect> effects)
    {
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reservation in effects.SelectMany(e => e.Reservations))
        {
            var draw = _writer.Command(connection, """
                INSERT INTO "NumberSeries" ("Key", "LastValue") VALUES (@p0, 1)
                ON CONFLICT ("Key") DO UPDATE SET "LastValue" = "NumberSeries"."LastValue" + 1
                RETURNING "LastValue"
                """, 1);
            draw.Transaction = transaction;
            draw.Parameters[0].Value = reservation.SeriesKey;
            var value = Convert.ToInt64(await draw.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            numbers[reservation.Token] = reservation.FormatNumber(value);
        }
        return numbers;
    }

    async Task ApplyEffectsAsync(System.Data.Common.DbTransaction transaction, IReadOnlyList<IPersistentEffect> effects)
    {
        var db = _writer.Context!;
        await db.Database.UseTransactionAsync(transaction);
        try
        {
            foreach (var effect in effects)
                effect.Apply(db);
            await db.SaveChangesAsync();
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.UseTransactionAsync(null);
        }
    }

    /// <summary>
    /// The statements whose row count decides the race: the instance row at the revision this burst read, the
    /// bookmark it consumed, the task it completed. Any of them finding no row means another burst got there first.
    /// </summary>
    static async Task WriteGuardedAsync(WriteConnection writer, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, InstanceChanges change, CancellationToken cancellationToken)
    {
        var instance = change.Instance;
        if (!change.IsNew)
        {
            var update = new SqlBatch();
            update.Append($"""
                UPDATE "WorkflowInstances" SET "Name" = {update.Parameter(instance.Name)}, "CorrelationId" = {update.Parameter(instance.CorrelationId)},
                  "Status" = {update.Parameter(instance.Status)}, "SubStatus" = {update.Parameter(instance.SubStatus)}, "OutputJson" = {update.Parameter(instance.OutputJson)},
                  "StateJson" = {update.Parameter(instance.StateJson)}, "UpdatedAt" = {update.Parameter(instance.UpdatedAt)}, "FinishedAt" = {update.Parameter(instance.FinishedAt)},
                  "Revision" = {update.Parameter(change.ExpectedRevision + 1)}
                WHERE "Id" = {update.Parameter(instance.Id)} AND "Revision" = {update.Parameter(change.ExpectedRevision)}
                """);
            if (await update.ExecuteAsync(writer, connection, transaction, cancellationToken) != 1)
                throw new WorkflowConflictException("实例已被其他操作修改。");
            instance.Revision = change.ExpectedRevision + 1;
        }
        else
        {
            instance.Revision = 1;
        }
        if (change.ConsumedBookmark is { } consumed)
        {
            var delete = new SqlBatch();
            delete.Append($"""DELETE FROM "Bookmarks" WHERE "Id" = {delete.Parameter(consumed.Id)}""");
            if (await delete.ExecuteAsync(writer, connection, transaction, cancellationToken) != 1)
                throw new WorkflowConflictException("书签已被消费。");
        }
        if (change.CompletedTask is { } task)
        {
            var complete = new SqlBatch();
            complete.Append($"""
                UPDATE "HumanTasks" SET "Status" = {complete.Parameter(HumanTaskRecord.Completed)}, "CompletedBy" = {complete.Parameter(task.CompletedBy)},
                  "CompletedAt" = {complete.Parameter(task.CompletedAt)}, "Outcome" = {complete.Parameter(task.Outcome)}, "Comment" = {complete.Parameter(task.Comment)},
                  "DataJson" = {complete.Parameter(task.DataJson)}
                WHERE "Id" = {complete.Parameter(task.Id)} AND "Status" = {complete.Parameter(HumanTaskRecord.Open)}
                """);
            if (await complete.ExecuteAsync(writer, connection, transaction, cancellationToken) != 1)
                throw new WorkflowConflictException("任务已被处理。");
        }
    }

    static readonly string[] InstanceColumns = ["Id", "DefinitionId", "DefinitionVersionId", "DefinitionVersion", "Name", "CorrelationId", "Status", "SubStatus",
        "ParentInstanceId", "InputJson", "OutputJson", "StateJson", "CreatedAt", "UpdatedAt", "FinishedAt", "Revision"];
    static readonly string[] BookmarkColumns = ["Id", "InstanceId", "ActivityId", "Name", "Hash", "PayloadJson", "CreatedAt", "HasTimer", "HasTask"];
    static readonly string[] TimerColumns = ["Id", "BookmarkId", "InstanceId", "DueAt", "InputJson", "LeaseOwner", "LeaseExpiresAt", "Attempts", "Kind"];
    static readonly string[] TaskColumns = ["Id", "InstanceId", "DefinitionId", "ActivityId", "Title", "Instructions", "Role", "Assignee", "CaseId", "OutcomesJson",
        "DueAt", "CreatedAt", "Status", "CompletedBy", "CompletedAt", "Outcome", "Comment", "DataJson", "CaseRelation", "ExcludedRelationsJson", "FormJson", "PeriodId", "PeriodUnit", "IsOverdue"];
    static readonly string[] JournalColumns = ["InstanceId", "Sequence", "Timestamp", "ActivityId", "ActivityType", "Event", "OutcomesJson", "DataJson"];
    static readonly string[] IncidentColumns = ["Id", "InstanceId", "ActivityId", "ActivityType", "Code", "Category", "Message", "At"];

    /// <summary>Everything else of the burst, appended to one batch.</summary>
    static void AppendRows(SqlBatch batch, InstanceChanges change)
    {
        if (change.IsNew)
        {
            batch.Insert("WorkflowInstances", [change.Instance], InstanceColumns, i => [i.Id, i.DefinitionId, i.DefinitionVersionId, i.DefinitionVersion, i.Name,
                i.CorrelationId, i.Status, i.SubStatus, i.ParentInstanceId, i.InputJson, i.OutputJson, i.StateJson, i.CreatedAt, i.UpdatedAt, i.FinishedAt, i.Revision]);
        }
        var closed = change.RemovedBookmarks.ToList();
        if (change.ConsumedBookmark is { } consumed)
            closed.Add(consumed);
        if (change.RemovedBookmarks.Count > 0)
            batch.AppendForList(change.RemovedBookmarks.Select(b => b.Id), ids => $"""DELETE FROM "Bookmarks" WHERE "Id" IN ({ids})""");
        // A sub-process bookmark may be resumed through a hand-off timer, so its timers go too.
        var timerBookmarks = closed.Where(b => b.HasTimer || b.Name == "Elsa.ExecuteWorkflow").Select(b => b.Id).ToList();
        if (timerBookmarks.Count > 0)
            batch.AppendForList(timerBookmarks, ids => $"""DELETE FROM "Timers" WHERE "BookmarkId" IN ({ids})""");
        var taskBookmarks = closed.Where(b => b.HasTask).Select(b => b.Id).ToList();
        if (taskBookmarks.Count > 0)
            batch.AppendForList(taskBookmarks, ids => $"""UPDATE "HumanTasks" SET "Status" = {batch.Parameter(HumanTaskRecord.Cancelled)} WHERE "Status" = {batch.Parameter(HumanTaskRecord.Open)} AND "Id" IN ({ids})""");

        batch.Insert("Bookmarks", change.AddedBookmarks, BookmarkColumns, b => [b.Id, b.InstanceId, b.ActivityId, b.Name, b.Hash, b.PayloadJson, b.CreatedAt, b.HasTimer, b.HasTask]);
        if (change.TimerReschedules.Count > 0)
            batch.AppendForList(change.TimerReschedules.Select(r => r.BookmarkId).Distinct(), ids => $"""DELETE FROM "Timers" WHERE "Id" IN ({ids})""");
        foreach (var (bookmarkId, dueAt) in change.TimerReschedules)
            batch.Append($"""UPDATE "HumanTasks" SET "DueAt" = {batch.Parameter(dueAt)}, "IsOverdue" = {batch.Parameter(false)} WHERE "Id" = {batch.Parameter(bookmarkId)}""");
        batch.Insert("Timers", change.AddedTimers, TimerColumns, t => [t.Id, t.BookmarkId, t.InstanceId, t.DueAt, t.InputJson, t.LeaseOwner, t.LeaseExpiresAt, t.Attempts, t.Kind]);
        batch.Insert("HumanTasks", change.AddedTasks, TaskColumns, t => [t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.Instructions, t.Role, t.Assignee,
            t.CaseId, t.OutcomesJson, t.DueAt, t.CreatedAt, t.Status, t.CompletedBy, t.CompletedAt, t.Outcome, t.Comment, t.DataJson,
            t.CaseRelation, t.ExcludedRelationsJson, t.FormJson, t.PeriodId, t.PeriodUnit, t.IsOverdue]);
        batch.Insert("Journal", change.Journal, JournalColumns, j => [j.InstanceId, j.Sequence, j.Timestamp, j.ActivityId, j.ActivityType, j.Event, j.OutcomesJson, j.DataJson]);
        batch.Insert("Incidents", change.Incidents, IncidentColumns, i => [i.Id, i.InstanceId, i.ActivityId, i.ActivityType, i.Code, i.Category, i.Message, i.At]);
    }

    public async Task<IReadOnlyList<TimerRecord>> ClaimDueTimersAsync(DateTimeOffset now, TimeSpan lease, int max, IReadOnlyCollection<string>? instanceIds = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var due = db.Timers.AsNoTracking().Where(t => t.DueAt <= now && (t.LeaseExpiresAt == null || t.LeaseExpiresAt < now));
        if (instanceIds is not null)
            due = due.Where(t => instanceIds.Contains(t.InstanceId));
        var candidates = await due.OrderBy(t => t.DueAt).Select(t => t.Id).Take(max).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
            return [];
        var owner = Guid.NewGuid().ToString("N");
        var expires = now + lease;
        using var turn = await gate.EnterAsync(cancellationToken);
        // One UPDATE claims what is still free; a competing claimer that got there first keeps its rows.
        await db.Timers.Where(t => candidates.Contains(t.Id) && (t.LeaseExpiresAt == null || t.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseOwner, owner).SetProperty(t => t.LeaseExpiresAt, expires)
                .SetProperty(t => t.Attempts, t => t.Attempts + 1), cancellationToken);
        return await db.Timers.AsNoTracking().Where(t => t.LeaseOwner == owner).OrderBy(t => t.DueAt).ToListAsync(cancellationToken);
    }

    public async Task<bool> SetAssigneeAsync(string taskId, string? expected, string? assignee, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        return await db.HumanTasks.Where(t => t.Id == taskId && t.Status == HumanTaskRecord.Open && t.Assignee == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, assignee), cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<HumanTaskRecord>> GetOpenTasksAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskRecord.Open && instanceIds.Contains(t.InstanceId)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WorkflowInstanceRecord>> GetChildrenAsync(string parentInstanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == parentInstanceId).ToListAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var next = await db.Timers.AsNoTracking().OrderBy(t => t.DueAt).Select(t => new { t.DueAt, t.LeaseExpiresAt }).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
            return null;
        return next.LeaseExpiresAt is { } lease && lease > next.DueAt ? lease : next.DueAt;
    }

    public async Task DeleteTimerAsync(string timerId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        await db.Timers.Where(t => t.Id == timerId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task AddTimerAsync(TimerRecord timer, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Timers.Add(timer);
        using var turn = await gate.EnterAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ReleaseTimersAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        await db.Timers.Where(t => t.InstanceId == instanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseOwner, (string?)null).SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task MarkOverdueAsync(TimerRecord timer, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.HumanTasks.Where(t => t.Id == timer.BookmarkId && t.Status == HumanTaskRecord.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.IsOverdue, true), cancellationToken);
        await db.CasePeriods.Where(p => p.BookmarkId == timer.BookmarkId && p.Status == Cases.PeriodStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, Cases.PeriodStatus.Expired), cancellationToken);
        await db.Timers.Where(t => t.Id == timer.Id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<WorkflowInstanceRecord?> FindAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId).OrderBy(i => i.At).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BookmarkRecord>> GetBookmarksAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<WorkflowInstanceRecord> Items, int TotalCount)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var q = db.Instances.AsNoTracking();
        if (!string.IsNullOrEmpty(query.DefinitionId))
            q = q.Where(i => i.DefinitionId == query.DefinitionId);
        if (!string.IsNullOrEmpty(query.Status))
            q = q.Where(i => i.Status == query.Status);
        if (!string.IsNullOrEmpty(query.SubStatus))
            q = q.Where(i => i.SubStatus == query.SubStatus);
        if (!string.IsNullOrEmpty(query.CorrelationId))
            q = q.Where(i => i.CorrelationId == query.CorrelationId);
        var total = await q.CountAsync(cancellationToken);
        var items = await q.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<HumanTaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.HumanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
    }

    public async Task<(IReadOnlyList<HumanTaskRecord> Items, int TotalCount)> ListOpenTasksAsync(IReadOnlyCollection<string> roles, string? userId, IReadOnlyCollection<string> caseIds, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var q = db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskRecord.Open)
            .Where(t => (t.Assignee == null && t.CaseRelation == null && t.Role != null && roles.Contains(t.Role))
                || (userId != null && t.Assignee == userId)
                || (t.Assignee == null && t.CaseRelation != null && t.CaseId != null && caseIds.Contains(t.CaseId)));
        var total = await q.CountAsync(cancellationToken);
        var ordered = q.OrderByDescending(t => t.IsOverdue).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt);
        var items = await (pageSize == int.MaxValue ? ordered : ordered.Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountInstancesByVersionAsync(string definitionId, CancellationToken cancellationToken = default) =>
        (await CountInstancesPerVersionAsync(definitionId, cancellationToken)).ToDictionary(c => c.Key, c => c.Value.Total);

    public async Task<IReadOnlyDictionary<string, (int Total, int Running)>> CountInstancesPerVersionAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // By version id, so that the (version, status) index answers it without reading the instances.
        var versions = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).Select(d => d.Id).ToListAsync(cancellationToken);
        var counts = await db.Instances.AsNoTracking().Where(i => versions.Contains(i.DefinitionVersionId))
            .GroupBy(i => new { i.DefinitionVersionId, i.Status }).Select(g => new { g.Key.DefinitionVersionId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.DefinitionVersionId).ToDictionary(g => g.Key,
            g => (g.Sum(c => c.Count), g.Where(c => c.Status == Runtime.WorkflowStatus.Running).Sum(c => c.Count)));
    }

    public async Task<IReadOnlyDictionary<string, int>> CountRunningPerDefinitionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().Where(i => i.Status == Runtime.WorkflowStatus.Running)
            .GroupBy(i => i.DefinitionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }
}
