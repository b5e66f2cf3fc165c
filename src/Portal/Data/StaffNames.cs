using Microsoft.EntityFrameworkCore;

namespace Justice.Portal.Data;

/// <summary>
/// The names of the bureau's people for pages and lists: an address that belongs to an account with a full name is
/// shown as that name (the address only as a tooltip); anything else — the system, a party, an unknown address — as it is.
/// </summary>
public sealed class StaffNames(IServiceScopeFactory scopes)
{
    /// <summary>Address (lower case) → full name, for the addresses that have one.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> addresses, CancellationToken cancellationToken = default)
    {
        var wanted = addresses.Where(a => !string.IsNullOrWhiteSpace(a) && a.Contains('@')).Select(a => a!.Trim().ToUpperInvariant()).Distinct().ToList();
        if (wanted.Count == 0)
            return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var found = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.NormalizedEmail!) && u.FullName != null && u.FullName != "")
            .Select(u => new { u.Email, u.FullName }).ToListAsync(cancellationToken);
        return found.Where(u => u.Email is not null).DistinctBy(u => u.Email!.ToLowerInvariant())
            .ToDictionary(u => u.Email!.ToLowerInvariant(), u => u.FullName!.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    public async Task<string> NameAsync(string address, CancellationToken cancellationToken = default) =>
        Name(await NamesAsync([address], cancellationToken), address);

    /// <summary>The name for an address out of a lookup, else the address (or text) itself.</summary>
    public static string Name(IReadOnlyDictionary<string, string> names, string? address) =>
        address is not null && names.TryGetValue(address.Trim(), out var name) ? name : address ?? "";

    /// <summary>The tooltip for a shown name: the address when a name stands for it.</summary>
    public static string? Tooltip(IReadOnlyDictionary<string, string> names, string? address) =>
        address is not null && names.ContainsKey(address.Trim()) ? address : null;
}
