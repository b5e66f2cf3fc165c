using Justice.Workflows.Persistence.Entities;
using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>The instance store on EF Core (SQLite by default). One burst is one transaction.</summary>
public sealed class EfWorkflowInstanceStore(IDbContextFactory<WorkflowDbContext> factory) : IWorkflowInstanceStore
{
    public async Task<(WorkflowInstanceRecord Instance, IReadOnlyList<BookmarkRecord> Bookmarks)?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null)
            return null;
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).ToListAsync(cancellationToken);
        return (instance, bookmarks);
    }

    public async Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken);
    }

    public async Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string hash, string? correlationId, string? instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Bookmarks.AsNoTracking().Where(b => b.Hash == hash);
        if (instanceId is not null)
            query = query.Where(b => b.InstanceId == instanceId);
        if (correlationId is not null)
            query = query.Where(b => db.Instances.Any(i => i.Id == b.InstanceId && i.CorrelationId == correlationId));
        return await query.OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task CommitAsync(IReadOnlyList<InstanceChanges> changes, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var closedBookmarks = new List<BookmarkRecord>();
        foreach (var change in changes)
        {
            var instance = change.Instance;
            if (change.IsNew)
            {
                instance.Revision = 1;
                db.Instances.Add(instance);
            }
            else
            {
                var entry = db.Instances.Attach(instance);
                entry.Property(i => i.Revision).OriginalValue = change.ExpectedRevision;
                instance.Revision = change.ExpectedRevision + 1;
                entry.State = EntityState.Modified;
            }
            // Deleting a bookmark that is gone affects no row: EF then fails the whole save (the exactly-once guard).
            if (change.ConsumedBookmark is { } consumed)
            {
                db.Bookmarks.Remove(Stub(consumed.Id));
                closedBookmarks.Add(consumed);
            }
            foreach (var removed in change.RemovedBookmarks)
            {
                db.Bookmarks.Remove(Stub(removed.Id));
                closedBookmarks.Add(removed);
            }
            db.Bookmarks.AddRange(change.AddedBookmarks);
            db.Timers.AddRange(change.AddedTimers);
            db.HumanTasks.AddRange(change.AddedTasks);
            db.Journal.AddRange(change.Journal);
            db.Incidents.AddRange(change.Incidents);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new WorkflowConflictException("书签已被消费或实例已被其他操作修改。");
        }
        // A sub-process bookmark may be resumed through a hand-off timer, so its timers go too.
        var timerIds = closedBookmarks.Where(b => b.HasTimer || b.Name == "Elsa.ExecuteWorkflow").Select(b => b.Id).ToList();
        if (timerIds.Count > 0)
            await db.Timers.Where(t => timerIds.Contains(t.BookmarkId)).ExecuteDeleteAsync(cancellationToken);
        var taskIds = closedBookmarks.Where(b => b.HasTask).Select(b => b.Id).ToList();
        if (taskIds.Count > 0)
        {
            foreach (var change in changes)
            {
                if (change.CompletedTask is { } task)
                {
                    var updated = await db.HumanTasks.Where(t => t.Id == task.Id && t.Status == HumanTaskRecord.Open)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(t => t.Status, HumanTaskRecord.Completed)
                            .SetProperty(t => t.CompletedBy, task.CompletedBy)
                            .SetProperty(t => t.CompletedAt, task.CompletedAt)
                            .SetProperty(t => t.Outcome, task.Outcome)
                            .SetProperty(t => t.Comment, task.Comment)
                            .SetProperty(t => t.DataJson, task.DataJson), cancellationToken);
                    if (updated != 1)
                        throw new WorkflowConflictException("任务已被处理。");
                }
            }
            await db.HumanTasks.Where(t => taskIds.Contains(t.Id) && t.Status == HumanTaskRecord.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, HumanTaskRecord.Cancelled), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    static BookmarkRecord Stub(string id) => new() { Id = id, InstanceId = "", ActivityId = "", Name = "", Hash = "" };

    public async Task<IReadOnlyList<TimerRecord>> ClaimDueTimersAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Timers.AsNoTracking()
            .Where(t => t.DueAt <= now && (t.LeaseExpiresAt == null || t.LeaseExpiresAt < now))
            .OrderBy(t => t.DueAt).Select(t => t.Id).Take(max).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
            return [];
        var owner = Guid.NewGuid().ToString("N");
        var expires = now + lease;
        // One UPDATE claims what is still free; a competing claimer that got there first keeps its rows.
        await db.Timers.Where(t => candidates.Contains(t.Id) && (t.LeaseExpiresAt == null || t.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseOwner, owner).SetProperty(t => t.LeaseExpiresAt, expires)
                .SetProperty(t => t.Attempts, t => t.Attempts + 1), cancellationToken);
        return await db.Timers.AsNoTracking().Where(t => t.LeaseOwner == owner).OrderBy(t => t.DueAt).ToListAsync(cancellationToken);
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
        await db.Timers.Where(t => t.Id == timerId).ExecuteDeleteAsync(cancellationToken);
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

    public async Task<(IReadOnlyList<HumanTaskRecord> Items, int TotalCount)> ListOpenTasksAsync(IReadOnlyCollection<string> roles, string? userId, bool all, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var q = db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskRecord.Open);
        if (!all)
            q = q.Where(t => (t.Assignee == null && t.Role != null && roles.Contains(t.Role)) || (userId != null && t.Assignee == userId));
        var total = await q.CountAsync(cancellationToken);
        var items = await q.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountInstancesByVersionAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().Where(i => i.DefinitionId == definitionId)
            .GroupBy(i => i.DefinitionVersionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }
}
