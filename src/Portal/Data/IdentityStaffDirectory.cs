using Justice.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Justice.Portal.Data;

/// <summary>The bureau's accounts for the task rules: confirmed and not locked means active; the roles as stored; the name is the profile's full name (the user name when none is set).</summary>
public sealed class IdentityStaffDirectory(IServiceScopeFactory scopes, TimeProvider clock) : IStaffDirectory
{
    public async Task<StaffMember?> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(email))
            return null;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.Id, u.Email, u.UserName, u.FullName, u.EmailConfirmed, u.LockoutEnd }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
            return null;
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(cancellationToken);
        var active = user.EmailConfirmed && (user.LockoutEnd is null || user.LockoutEnd <= clock.GetUtcNow());
        return new StaffMember(user.Email!.ToLowerInvariant(), string.IsNullOrWhiteSpace(user.FullName) ? user.UserName ?? user.Email! : user.FullName.Trim(), roles, active);
    }
}
