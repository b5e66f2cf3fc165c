namespace Justice.Casework.Integrity;

/// <summary>
/// One thing the integrity check verifies — a kind of record chain, the issued documents' hashes … — reporting what it
/// found broken. <see cref="IntegrityCheck"/> runs every registered one in turn (docs/integrity.md §4).
/// </summary>
public interface IIntegrityCheck
{
    /// <summary>A short code: <c>journal</c>, <c>timeline</c>, <c>audit</c> …</summary>
    string Kind { get; }

    Task<IntegrityResult> RunAsync(IProgress<IntegrityProgress>? progress, CancellationToken cancellationToken = default);
}

/// <summary>How far a check has come: entries read of about how many.</summary>
public sealed record IntegrityProgress(string Kind, long Done, long Total);

/// <summary>What a check found: how much it read, and the first broken entry of each broken chain.</summary>
/// <param name="Problems">At most <see cref="MaxProblems"/> of them; <paramref name="BrokenChains"/> counts them all.</param>
/// <param name="Seals">Day seals found intact.</param>
/// <param name="SealNote">Why the day seals were not (all) verified, as a <see cref="SealNotes"/> code; null when they were.</param>
public sealed record IntegrityResult(string Kind, long Chains, long Entries, long BrokenChains, IReadOnlyList<IntegrityProblem> Problems, int Seals = 0, string? SealNote = null)
{
    public const int MaxProblems = 1000;

    public bool IsIntact => BrokenChains == 0;
}

/// <summary>
/// The first broken entry of a chain: in which table, which chain (instance id, case id, <c>audit</c>; for a day seal
/// the chain kind), which entry (its sequence, and its id where it has one; for a day seal the day), what is wrong
/// (<see cref="ProblemCodes"/>), and what was expected and found instead (hashes, sequence numbers).
/// </summary>
public sealed record IntegrityProblem(string Kind, string Table, string ChainId, long? Sequence, string? EntryId, string Code, string Expected, string Found);

/// <summary>What can be wrong with an entry or a day seal.</summary>
public static class ProblemCodes
{
    /// <summary>The entry's content no longer gives its hash: the entry was changed.</summary>
    public const string HashMismatch = "hash-mismatch";

    /// <summary>The entry does not link onto its predecessor: an entry before it was removed, replaced or moved.</summary>
    public const string PreviousHashMismatch = "previous-hash-mismatch";

    /// <summary>A sequence number is missing before the entry (or repeated): an entry was removed or renumbered.</summary>
    public const string MissingSequence = "missing-sequence";

    /// <summary>The head kept beside the chain (an instance's last journal hash) is not the chain's last entry: the end was cut or changed.</summary>
    public const string HeadMismatch = "head-mismatch";

    /// <summary>The entry has no hash at all.</summary>
    public const string Unchained = "unchained";

    /// <summary>A sealed day's chain heads are not what was signed: entries of that day or before were changed, added or removed.</summary>
    public const string SealMismatch = "seal-mismatch";

    /// <summary>A day seal's signature does not verify with the bureau's key.</summary>
    public const string SealSignatureInvalid = "seal-signature-invalid";

    /// <summary>A day between sealed days has entries but no seal: its seal was removed.</summary>
    public const string SealMissing = "seal-missing";
}

/// <summary>Why day seals were not verified.</summary>
public static class SealNotes
{
    /// <summary>No signing key is configured and no day was ever sealed: the chains are checked, their days are not.</summary>
    public const string NoKey = "no-key";

    /// <summary>Days were sealed, but no key is configured to verify the signatures (the digests were compared).</summary>
    public const string SignaturesUnverified = "signatures-unverified";

    /// <summary>A key is configured, but no day is sealed yet (none has ended since).</summary>
    public const string NoneSealedYet = "none-sealed-yet";
}
