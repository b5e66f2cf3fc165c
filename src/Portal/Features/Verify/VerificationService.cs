using Justice.Casework.Cases;

namespace Justice.Portal.Features.Verify;

/// <summary>
/// Public verification's one way into the casework, one method per question the public asks: may this caller ask
/// now (the per-address budget the page and the API share), what is this certificate's status, which certificates
/// were revoked.
/// </summary>
public sealed class VerificationService(CaseQueries queries, VerificationLimiter limiter)
{
    /// <summary>Takes one check from the caller's budget (<see cref="VerificationLimiter.TryAcquire"/>).</summary>
    public bool TryAcquire(HttpContext? context) => limiter.TryAcquire(context);

    /// <summary>The status of the certificate with this number, or of the document in its QR code.</summary>
    public Task<CertificateStatus> VerifyAsync(string numberOrDocumentId, CancellationToken cancellationToken = default) =>
        queries.VerifyAsync(numberOrDocumentId, cancellationToken);

    /// <summary>The public notices of revoked and partly revoked certificates.</summary>
    public Task<IReadOnlyList<RevocationNotice>> RevocationNoticesAsync(CancellationToken cancellationToken = default) =>
        queries.RevocationNoticesAsync(cancellationToken);
}
