using System.Runtime.CompilerServices;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Integrity;

/// <summary>The case timelines as chains, one per case (its id), in sequence.</summary>
public sealed class TimelineChainSource(IDbContextFactory<CaseworkDbContext> factory) : IRecordChain
{
    public string Kind => "timeline";

    public string Table => "CaseEntries";

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.CaseEntries.LongCountAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ChainLink> ReadAsync(DateTimeOffset? since = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = db.CaseEntries.AsNoTracking();
        if (since is { } from)
            entries = entries.Where(e => e.At >= from);
        await foreach (var e in entries.OrderBy(e => e.CaseId).ThenBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return new ChainLink(e.CaseId, e.Sequence, e.Id, e.At, e.PreviousHash, e.Hash, HashChain.Canonical(e, CaseEntry.WriteCanonical));
    }
}
