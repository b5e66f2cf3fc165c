using Justice.Casework.Cases;
using Microsoft.EntityFrameworkCore;

namespace Justice.Portal.Data;

/// <summary>The bureau's accounts for the task rules: confirmed and not locked means active; the roles as stored; the name is the profile's full name (the user name when none is set).</summary>
public sealed class IdentityStaffDirectory(IServiceScopeFactory scopes, TimeProvider clock) : IStaffDirectory
{
    public async Task<StaffMember?> FindAsync(string email, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(email) ? null : (await FindManyAsync([email], cancellationToken)).Values.FirstOrDefault();

    /// <summary>The accounts of the addresses in one query, and their roles in a second.</summary>
    public async Task<IReadOnlyDictionary<string, StaffMember>> FindManyAsync(IEnumerable<string> emails, CancellationToken cancellationToken = default)
    {
        var normalized = emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim().ToUpperInvariant()).Distinct().ToList();
        if (normalized.Count == 0)
            return new Dictionary<string, StaffMember>();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var users = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && normalized.Contains(u.NormalizedEmail))
            .Select(u => new { u.Id, u.Email, u.UserName, u.FullName, u.EmailConfirmed, u.LockoutEnd }).ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(r => ids.Contains(r.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, Name = r.Name! })
            .ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.Name);
        var now = clock.GetUtcNow();
        var found = new Dictionary<string, StaffMember>(StringComparer.Ordinal);
        foreach (var user in users.Where(u => u.Email is not null))
        {
            var active = user.EmailConfirmed && (user.LockoutEnd is null || user.LockoutEnd <= now);
            var email = user.Email!.ToLowerInvariant();
            found.TryAdd(email, new StaffMember(email, string.IsNullOrWhiteSpace(user.FullName) ? user.UserName ?? user.Email! : user.FullName.Trim(), roles[user.Id].ToList(), active));
        }
        return found;
    }
}
