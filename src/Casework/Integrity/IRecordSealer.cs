namespace Justice.Casework.Integrity;

/// <summary>
/// Signs a day's digest with the bureau's key and checks such signatures (docs/integrity.md §3). The key belongs to
/// the bureau's signing set-up, registered as a singleton: when no sealer is registered, days are not sealed and the
/// integrity check says so.
/// </summary>
public interface IRecordSealer
{
    Task<SealedValue> SealAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default);

    bool Verify(ReadOnlyMemory<byte> digest, SealedValue seal);
}

/// <summary>A signature over a digest: which key made it (as the sealer names it), by which algorithm.</summary>
public sealed record SealedValue(string KeyId, string Algorithm, byte[] Signature);
