using Justice.Casework.Cases;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Work;

/// <summary>The in-app messages of a user: addressed to them, or to one of their roles.</summary>
public sealed class UserNotifications(IDbContextFactory<CaseworkDbContext> factory, WriteGate gate, TimeProvider clock)
{
    static List<string> Recipients(CaseViewer viewer) => [.. viewer.Roles.Select(r => $"role:{r}"), .. viewer.Email is { } e ? new[] { e.ToLowerInvariant() } : []];

    public async Task<IReadOnlyList<Notification>> ListAsync(CaseViewer viewer, int take = 100, CancellationToken cancellationToken = default)
    {
        var recipients = Recipients(viewer);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking().Where(n => recipients.Contains(n.Recipient))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Unread messages addressed to the user personally (role-wide messages carry no personal read mark).</summary>
    public async Task<int> UnreadAsync(CaseViewer viewer, CancellationToken cancellationToken = default)
    {
        if (viewer.Email is not { } email)
            return 0;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var me = email.ToLowerInvariant();
        return await db.Notifications.CountAsync(n => n.Recipient == me && n.ReadAt == null, cancellationToken);
    }

    public async Task MarkAllReadAsync(CaseViewer viewer, CancellationToken cancellationToken = default)
    {
        if (viewer.Email is not { } email)
            return;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var me = email.ToLowerInvariant();
        var now = clock.GetUtcNow();
        // One statement, in the writers' turn like every other write (SQLite has one writer).
        using var turn = await gate.EnterAsync(cancellationToken);
        await db.Notifications.Where(n => n.Recipient == me && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
