using Justice.Portal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Justice.Portal.Features.Account;

/// <summary>Refresh tokens that have been used, kept as rows of AspNetUserTokens (their SHA-256) until they would have expired: a refresh token works once.</summary>
public sealed class RefreshTokenLedger(ApplicationDbContext db, TimeProvider clock)
{
    /// <summary>Rows of AspNetUserTokens that record a used refresh token (its SHA-256) until it would have expired.</summary>
    const string UsedRefreshTokens = "Justice.UsedRefreshToken";

    /// <summary>Records the token (by its hash) as used; false when it was used before.</summary>
    public async Task<bool> MarkUsedAsync(string userId, string hash, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var used = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == UsedRefreshTokens).ToListAsync(cancellationToken);
        if (used.Any(t => t.Name == hash))
            return false;
        // Forget the used tokens of this account that have expired anyway.
        db.UserTokens.RemoveRange(used.Where(t => !DateTimeOffset.TryParse(t.Value, out var until) || until < now));
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = UsedRefreshTokens, Name = hash, Value = expires.ToString("O") });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same token recorded already (by an earlier or a concurrent refresh).
            return false;
        }
    }
}
