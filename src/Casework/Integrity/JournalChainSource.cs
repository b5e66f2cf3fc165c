using System.Runtime.CompilerServices;
using Justice.Casework.Persistence;
using Justice.Workflows.Common;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Integrity;

/// <summary>
/// The engine's journal as chains, one per instance (its id), in sequence; each link carries the head its instance
/// row keeps, so a cut-off end shows too. Instances whose journal is gone entirely but whose head says otherwise come last.
/// </summary>
public sealed class JournalChainSource(IDbContextFactory<CaseworkDbContext> factory) : IRecordChain
{
    public string Kind => "journal";

    public string Table => "Journal";

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Journal.LongCountAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ChainLink> ReadAsync(DateTimeOffset? since = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = db.Journal.AsNoTracking();
        if (since is { } from)
            entries = entries.Where(j => j.Timestamp >= from);
        var rows = from j in entries
                   join i in db.Instances on j.InstanceId equals i.Id into instances
                   from i in instances.DefaultIfEmpty()
                   orderby j.InstanceId, j.Sequence
                   select new { Entry = j, Head = i == null ? "" : i.JournalHead ?? "" };
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var j = row.Entry;
            yield return new ChainLink(j.InstanceId, j.Sequence, null, j.Timestamp, j.PreviousHash, j.Hash, HashChain.Canonical(j, JournalRecord.WriteCanonical), row.Head);
        }
        if (since is not null)
            yield break;
        var emptied = db.Instances.AsNoTracking()
            .Where(i => i.JournalHead != null && i.JournalHead != HashChain.Genesis && !db.Journal.Any(j => j.InstanceId == i.Id))
            .OrderBy(i => i.Id).Select(i => new { i.Id, i.JournalHead });
        await foreach (var instance in emptied.AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return new ChainLink(instance.Id, 0, null, default, null, null, null, instance.JournalHead);
    }
}
