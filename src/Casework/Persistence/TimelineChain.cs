using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Persistence;

/// <summary>
/// A case's timeline as a hash chain (docs/integrity.md §1): every line saved takes the next sequence of its case and
/// links onto the case's last line. Every writer — a burst's case session, notes, period recounts — saves through
/// <see cref="CaseworkDbContext"/>, which calls this inside the write transaction.
/// </summary>
internal static class TimelineChain
{
    /// <summary>The lines about to be inserted, in the order the timeline shows them (time, then id: made in order within a millisecond).</summary>
    public static List<CaseEntry> Added(CaseworkDbContext db) =>
        [.. db.ChangeTracker.Entries<CaseEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)];

    public static async Task LinkAsync(CaseworkDbContext db, IReadOnlyList<CaseEntry> added, CancellationToken cancellationToken)
    {
        foreach (var lines in added.GroupBy(e => e.CaseId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Another node may be appending to the same case: reading the head and writing after it take turns.
            await db.Database.LockAsync($"timeline:{lines.Key}", cancellationToken);
            var head = await db.CaseEntries.AsNoTracking().Where(e => e.CaseId == lines.Key).OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            var (sequence, hash) = head is null ? (0L, HashChain.Genesis) : (head.Sequence, head.Hash ?? HashChain.Genesis);
            foreach (var line in lines)
                hash = line.Link(++sequence, hash);
        }
    }

    /// <summary>
    /// Lines written before the chain existed (the migration numbered them per case, in timeline order) are linked once,
    /// at start-up, all in one transaction; the partial index of unlinked lines makes finding none instant.
    /// </summary>
    public static async Task<int> BackfillAsync(CaseworkDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.CaseEntries.AnyAsync(e => e.Hash == null, cancellationToken))
            return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cases = await db.CaseEntries.Where(e => e.Hash == null).Select(e => e.CaseId).Distinct().ToListAsync(cancellationToken);
        foreach (var caseId in cases)
        {
            var hash = HashChain.Genesis;
            foreach (var line in await db.CaseEntries.Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken))
                hash = line.Hash is null ? line.Link(line.Sequence, hash) : line.Hash;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancellationToken);
        return cases.Count;
    }
}
