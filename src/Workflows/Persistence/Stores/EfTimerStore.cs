using System.Data.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>Timers outside a burst: claimed with a lease, added, released, deleted; overdue tasks marked.</summary>
public sealed class EfTimerStore(IDbContextFactory<WorkflowDbContext> factory, WriteGate gate) : ITimerStore
{
    public async Task<IReadOnlyList<TimerRecord>> ClaimDueTimersAsync(DateTimeOffset now, TimeSpan lease, int max, IReadOnlyCollection<string>? instanceIds = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsPostgres())
            return await ClaimOnPostgresAsync(db, now, lease, max, instanceIds, cancellationToken);
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

    /// <summary>
    /// PostgreSQL, several nodes: one statement picks the due timers nobody holds, skipping rows another node is
    /// claiming at this moment (<c>FOR UPDATE SKIP LOCKED</c>), and leases them to this claim; a node that dies leaves
    /// its leases to expire, and the timers fire on a node that is still running.
    /// </summary>
    static async Task<IReadOnlyList<TimerRecord>> ClaimOnPostgresAsync(WorkflowDbContext db, DateTimeOffset now, TimeSpan lease, int max,
        IReadOnlyCollection<string>? instanceIds, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        var at = now.ToUnixTimeMilliseconds();
        var expires = (now + lease).ToUnixTimeMilliseconds();
        var ids = instanceIds?.ToArray() ?? [];
        var all = instanceIds is null;
        var claimed = await db.Timers.FromSql($"""
            UPDATE "Timers" SET "LeaseOwner" = {owner}, "LeaseExpiresAt" = {expires}, "Attempts" = "Attempts" + 1
            WHERE "Id" IN (
              SELECT "Id" FROM "Timers"
              WHERE "DueAt" <= {at} AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" < {at}) AND ({all} OR "InstanceId" = ANY({ids}))
              ORDER BY "DueAt" LIMIT {max}
              FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(t => t.DueAt)];
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

    public async Task<bool> AddTimerIfAbsentAsync(TimerRecord timer, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        if (await db.Timers.AnyAsync(t => t.Id == timer.Id, cancellationToken))
            return false;
        db.Timers.Add(timer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node added it between the look and the insert; anything else is not ours to hide.
            if (await db.Timers.AsNoTracking().AnyAsync(t => t.Id == timer.Id, cancellationToken))
                return false;
            throw;
        }
        return true;
    }

    public async Task ReleaseTimersAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        await db.Timers.Where(t => t.InstanceId == instanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseOwner, (string?)null).SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task MarkOverdueAsync(TimerRecord timer, IReadOnlyList<IBurstEffect> effects, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.HumanTasks.Where(t => t.Id == timer.BookmarkId && t.Status == HumanTaskRecord.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.IsOverdue, true), cancellationToken);
        var burst = new BurstTransaction(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        foreach (var effect in effects)
            await effect.WriteAsync(burst, cancellationToken);
        await db.Timers.Where(t => t.Id == timer.Id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
