using System.Runtime.CompilerServices;
using Justice.Casework.Integrity;
using Justice.Portal.Data;
using Justice.Workflows.Common;
using Microsoft.EntityFrameworkCore;

namespace Justice.Portal.Features.Audit;

/// <summary>The audit log as one chain (<c>audit</c>), in sequence, for the integrity check and the day seals.</summary>
public sealed class AuditChainSource(IServiceScopeFactory scopes) : IRecordChain
{
    public const string ChainId = "audit";

    public string Kind => "audit";

    public string Table => "AuditLog";

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditLog.LongCountAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ChainLink> ReadAsync(DateTimeOffset? since = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var entries = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditLog.AsNoTracking();
        if (since is { } from)
            entries = entries.Where(e => e.At >= from);
        await foreach (var e in entries.OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return new ChainLink(ChainId, e.Sequence, e.Id, e.At, e.PreviousHash, e.Hash, HashChain.Canonical(e, AuditEntry.WriteCanonical));
    }
}
