using System.Security.Cryptography;
using Justice.Casework.Integrity;

namespace Justice.Workflows.Tests.Casework.Integrity;

/// <summary>A signing key for tests only (ECDSA P-256, made per instance): the bureau's own key is configured elsewhere.</summary>
public sealed class TestSealer : IRecordSealer, IDisposable
{
    readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public const string KeyId = "test-key";

    public Task<SealedValue> SealAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
        Task.FromResult(new SealedValue(KeyId, "ECDSA-P256", _key.SignData(digest.Span, HashAlgorithmName.SHA256)));

    public bool Verify(ReadOnlyMemory<byte> digest, SealedValue seal) =>
        seal.KeyId == KeyId && _key.VerifyData(digest.Span, seal.Signature, HashAlgorithmName.SHA256);

    public void Dispose() => _key.Dispose();
}
