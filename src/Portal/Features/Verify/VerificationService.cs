using Justice.Casework.Cases;
using Justice.Casework.Issuing;

namespace Justice.Portal.Features.Verify;

/// <summary>
/// Public verification's one way into the casework, one method per question the public asks: may this caller ask
/// now (the per-address budget the page and the API share), what is this certificate's status, which certificates
/// were revoked.
/// </summary>
public sealed class VerificationService(CaseQueries queries, VerificationLimiter limiter, IssuedDocuments issued)
{
    /// <summary>The largest file accepted for verification (the bureau's PDFs are well under 1 MB).</summary>
    public const int MaxPdfBytes = 10 * 1024 * 1024;

    /// <summary>A paper copy: the number printed on it with the short hash of its QR code.</summary>
    public Task<DocumentVerification> VerifyPaperAsync(string numberOrDocumentId, string? shortHash, CancellationToken cancellationToken = default) =>
        issued.VerifyAsync(numberOrDocumentId, shortHash, cancellationToken);

    /// <summary>An uploaded file: valid (or revoked …) when it is a signed PDF as issued, altered when changed, unknown otherwise.</summary>
    public Task<DocumentVerification> VerifyPdfAsync(byte[] pdf, CancellationToken cancellationToken = default) =>
        issued.VerifyPdfAsync(pdf, cancellationToken);

    /// <summary>Takes one check from the caller's budget (<see cref="VerificationLimiter.TryAcquire"/>).</summary>
    public bool TryAcquire(HttpContext? context) => limiter.TryAcquire(context);

    /// <summary>The status of the certificate with this number, or of the document in its QR code.</summary>
    public Task<CertificateStatus> VerifyAsync(string numberOrDocumentId, CancellationToken cancellationToken = default) =>
        queries.VerifyAsync(numberOrDocumentId, cancellationToken);

    /// <summary>The public notices of revoked and partly revoked certificates.</summary>
    public Task<IReadOnlyList<RevocationNotice>> RevocationNoticesAsync(CancellationToken cancellationToken = default) =>
        queries.RevocationNoticesAsync(cancellationToken);
}
