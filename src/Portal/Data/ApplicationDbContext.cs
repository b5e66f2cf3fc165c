using Justice.Workflows.Common;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Justice.Portal.Data;

/// <summary>
/// Accounts (ASP.NET Core Identity), the audit log and, on PostgreSQL, the data-protection keys the nodes share. Its
/// migrations are SQLite's; PostgreSQL's belong to <see cref="Postgres.PostgresApplicationDbContext"/>.
/// </summary>
public class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ConfigureModel(builder);
    }

    /// <summary>What the portal adds to Identity's tables (also PostgreSQL's migration context's model).</summary>
    internal static void ConfigureModel(ModelBuilder builder)
    {
        builder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
        builder.Entity<ApplicationUser>(user =>
        {
            user.Property(u => u.FullName).HasMaxLength(64);
            user.Property(u => u.Title).HasMaxLength(64);
            user.Property(u => u.Unit).HasMaxLength(128);
        });
        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("AuditLog");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).HasMaxLength(26);
            entry.Property(e => e.Actor).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(64);
            entry.Property(e => e.Target).HasMaxLength(256);
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => e.Action);
            // One entry per place in the chain: two writers linking onto the same head cannot both commit.
            entry.HasIndex(e => e.Sequence).IsUnique();
            // Entries written before the chain existed, until start-up links them; empty ever after.
            entry.HasIndex(e => e.Sequence, "IX_AuditLog_Unchained").HasFilter("\"Hash\" IS NULL");
            // Sortable, comparable instants in SQLite: UTC milliseconds.
            entry.Property(e => e.At).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        });
    }

    /// <summary>
    /// Saves, linking new audit entries onto the log's chain first: in the caller's transaction or in one of its own
    /// (SQLite's write lock; PostgreSQL's advisory lock), so that reading the head and appending after it are one step, whichever process writes.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        if (added.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        // Another node may be appending too: reading the head and writing after it take turns (PostgreSQL's advisory
        // lock, released at commit; on SQLite the transaction's write lock does it).
        if (Database.IsNpgsql())
            await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended('audit-log', 0))", cancellationToken);
        var head = await AuditLog.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var (sequence, hash) = head is null ? (0L, HashChain.Genesis) : (head.Sequence, head.Hash ?? HashChain.Genesis);
        foreach (var entry in added)
            hash = entry.Link(++sequence, hash);
        var rows = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (own is not null)
            await own.CommitAsync(cancellationToken);
        return rows;
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<AuditEntry>().All(e => e.State != EntityState.Added)
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Entries written before the chain existed (the migration numbered them in the order they were inserted) are
    /// linked once, at start-up, in one transaction, so an upgraded log verifies clean.
    /// </summary>
    public async Task<int> LinkUnchainedAuditAsync(CancellationToken cancellationToken = default)
    {
        if (!await AuditLog.AnyAsync(e => e.Hash == null, cancellationToken))
            return 0;
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var hash = HashChain.Genesis;
        var linked = 0;
        // Small: administrators' changes. Read in pages all the same, and saved as they go.
        for (long after = 0; ; )
        {
            var page = await AuditLog.Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(1000).ToListAsync(cancellationToken);
            if (page.Count == 0)
                break;
            foreach (var entry in page)
            {
                if (entry.Hash is not null)
                {
                    hash = entry.Hash;
                    continue;
                }
                hash = entry.Link(entry.Sequence, hash);
                linked++;
            }
            after = page[^1].Sequence;
            await base.SaveChangesAsync(true, cancellationToken);
            ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancellationToken);
        return linked;
    }
}
