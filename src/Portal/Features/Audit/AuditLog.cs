using System.Security.Claims;
using Justice.Portal.Data;
using Justice.Workflows.Common;
using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Justice.Portal.Features.Audit;

/// <summary>
/// Writes and reads the audit log of administrative changes (users, roles, definitions, templates, rule sets), and
/// names the people in it; the audit page and the audit API go through here.
/// </summary>
public sealed class AuditLog(ApplicationDbContext db, TimeProvider clock, StaffNames staffNames)
{
    public async Task RecordAsync(ClaimsPrincipal actor, string action, string target, string? details = null, CancellationToken cancellationToken = default) =>
        await RecordAsync(actor.FindFirstValue(ClaimTypes.Email) ?? actor.Identity?.Name ?? "system", action, target, details, cancellationToken);

    public async Task RecordAsync(string actor, string action, string target, string? details = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        db.AuditLog.Add(new AuditEntry { Id = Ulid.NewId(now), At = now, Actor = actor.ToLowerInvariant(), Action = action, Target = target, Details = details });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<AuditEntry> Items, int Total)> ListAsync(string? action, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
            query = query.Where(e => e.Action.StartsWith(action));
        if (!string.IsNullOrWhiteSpace(search))
            query = query.Where(e => e.Actor.Contains(search) || e.Target.Contains(search) || (e.Details != null && e.Details.Contains(search)));
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>The staff accounts' full names by address, for the actors that have one.</summary>
    public Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> actors, CancellationToken cancellationToken = default) =>
        staffNames.NamesAsync(actors, cancellationToken);
}
