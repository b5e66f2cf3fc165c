namespace Justice.Casework.Integrity;

/// <summary>
/// A kind of record chain as the check and the day seals read it: every entry, streamed in chain order — chains by
/// ordinal id, entries by sequence — never all in memory at once.
/// </summary>
public interface IRecordChain
{
    /// <summary><c>journal</c>, <c>timeline</c>, <c>audit</c>.</summary>
    string Kind { get; }

    /// <summary>The table the entries are rows of (for the report).</summary>
    string Table { get; }

    /// <summary>About how many entries there are (for progress).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries in chain order; with <paramref name="since"/> only those stamped at or after it (for sealing new days).
    /// A chain that keeps its head elsewhere and has no entries comes after the others as one link without content.
    /// </summary>
    IAsyncEnumerable<ChainLink> ReadAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// One entry of a chain as stored: where it stands, the hashes it keeps, and its canonical JSON to hash again.
/// </summary>
/// <param name="EntryId">The row's own id, where it has one.</param>
/// <param name="Canonical">The entry's canonical JSON (UTF-8); null for a chain without entries that keeps a head.</param>
/// <param name="RecordedHead">The head kept beside the chain (an instance's journal head): "" when it should be kept and is not, null when the kind keeps none.</param>
public sealed record ChainLink(string ChainId, long Sequence, string? EntryId, DateTimeOffset At, string? PreviousHash, string? Hash, byte[]? Canonical, string? RecordedHead = null);
