using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Documents;
using Justice.Casework.Documents.Pdf;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Casework.Signing;
using Justice.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Justice.Workflows.Common;

namespace Justice.Casework.Issuing;

/// <summary>What verification of a document (by number or by an uploaded file) answers: nothing personal.</summary>
/// <param name="Status"><c>valid</c>, <c>revoked</c> (void from the beginning), <c>partially-revoked</c>, <c>corrected</c>, <c>altered</c> or <c>unknown</c>.</param>
public sealed record DocumentVerification(string Status, string? Number, string? Title, string? Matter, DateOnly? IssuedOn, string? Office,
    string? Reason = null, DateTimeOffset? SignedAt = null);

/// <summary>
/// The signed PDFs of issued documents: each made once from the document's HTML — sealed by its office (the letterhead),
/// signed with the office's keys, stored beside the document and never changed — by the background worker soon after
/// issue, or at the first download. Every use of a key is audited. Also answers whether an uploaded PDF is one the
/// bureau issued, unchanged.
/// </summary>
public sealed partial class IssuedDocuments(
    IDbContextFactory<CaseworkDbContext> factory,
    WriteGate gate,
    DocumentFonts fonts,
    OfficeKeyRing keys,
    IAuditTrail audit,
    StatutoryCalendar calendar,
    TimeProvider clock,
    IOptions<SigningOptions> options,
    ILogger<IssuedDocuments> logger)
{
    readonly ConcurrentDictionary<string, SemaphoreSlim> _signing = new(StringComparer.Ordinal);

    /// <summary>The document's signed PDF, made now if it has none yet.</summary>
    public async Task<IssuedPdf> PdfAsync(CaseDocument document, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(document.Id, cancellationToken) is { } existing)
            return existing;
        var gateOfDocument = _signing.GetOrAdd(document.Id, _ => new SemaphoreSlim(1, 1));
        await gateOfDocument.WaitAsync(cancellationToken);
        try
        {
            if (await FindAsync(document.Id, cancellationToken) is { } made)
                return made;
            var pdf = Sign(document);
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            using (await gate.EnterAsync(cancellationToken))
            {
                db.IssuedPdfs.Add(pdf);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Signed at the same moment by another node: its PDF is the document's.
                    return await FindAsync(document.Id, cancellationToken) ?? throw new InvalidOperationException($"文书 {document.Id} 的签章文件无法保存。");
                }
            }
            await audit.RecordAsync("system", "document.sign", document.Id,
                $"{pdf.Office}：{document.Title}{document.Number}；印章证书 {pdf.SealCertificate[..16]}，签名证书 {pdf.PdfCertificate[..16]}", cancellationToken);
            return pdf;
        }
        finally
        {
            gateOfDocument.Release();
            _signing.TryRemove(document.Id, out _);
        }
    }

    public async Task<IssuedPdf?> FindAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.IssuedPdfs.AsNoTracking().FirstOrDefaultAsync(p => p.DocumentId == documentId, cancellationToken);
    }

    /// <summary>Signs up to <paramref name="max"/> issued documents that have no PDF yet, oldest first; returns how many.</summary>
    public async Task<int> SignPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        List<CaseDocument> pending;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            pending = await db.CaseDocuments.AsNoTracking()
                .Where(d => !db.IssuedPdfs.Any(p => p.DocumentId == d.Id))
                .OrderBy(d => d.IssuedAt).ThenBy(d => d.Id).Take(max).ToListAsync(cancellationToken);
        foreach (var document in pending)
            await PdfAsync(document, cancellationToken);
        return pending.Count;
    }

    IssuedPdf Sign(CaseDocument document)
    {
        var time = clock.GetUtcNow();
        var office = PdfComposer.IssuerOf(document.Html) is { Length: > 0 } name ? name : options.Value.BureauName;
        var composer = new PdfComposer(fonts);
        var local = TimeZoneInfo.ConvertTime(time, calendar.Zone);
        var composed = composer.Compose(document.Html, document.Title, document.Number,
            new SealStamp(office, "电子签章", local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), Mark(document));
        composed.Document.Info.Elements["/JusticeDocumentId"] = new PdfSharp.Pdf.PdfString(document.Id);
        var pdfKey = keys.Current(office, KeyPurpose.Pdf);
        var sealKey = keys.Current(office, KeyPurpose.Seal);
        var pages = composed.Document.PageCount;
        var bytes = PdfSigner.Sign(composed.Document, composed.SealPage, composed.SealRect, pdfKey, sealKey, time, $"签发{document.Title}");
        logger.LogDebug("Signed {Document} ({Title}) for {Office}: {Bytes} bytes.", document.Id, document.Title, office, bytes.Length);
        return new IssuedPdf
        {
            DocumentId = document.Id,
            CaseId = document.CaseId,
            Content = bytes,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Sm3 = Convert.ToHexStringLower(HashChain.Sm3(bytes)),
            SignedAt = time,
            Office = office,
            PdfCertificate = pdfKey.Thumbprint,
            SealCertificate = sealKey.Thumbprint,
            Pages = pages,
        };
    }

    /// <summary>The short hash printed in the QR code: the first 8 characters of the document's SHA-256, upper case.</summary>
    public static string ShortHash(CaseDocument document) => document.Sha256[..8].ToUpperInvariant();

    VerificationMark Mark(CaseDocument document)
    {
        var url = (options.Value.VerifyUrl ?? "/verify").TrimEnd('/');
        var key = document.Number ?? document.Id;
        var qr = $"{url}?number={Uri.EscapeDataString(key)}&h={ShortHash(document)}";
        return new VerificationMark(qr, $"扫描二维码或访问 {url}，输入文书编号{(document.Number is null ? "" : $"“{document.Number}”")}及验证码 {ShortHash(document)}，或上传本文件，查验本文书的真伪与效力。",
            $"验证码：{ShortHash(document)}");
    }

    /// <summary>
    /// Whether an uploaded PDF is a document the bureau issued, unchanged: the same bytes as the signed PDF on record
    /// (valid, or revoked …); a file that names one of its documents or carries one of its offices' signatures but differs
    /// (altered); anything else (unknown).
    /// </summary>
    public async Task<DocumentVerification> VerifyPdfAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        Task<DocumentVerification> statusOf(CaseDocument d) => StatusOfAsync(d, cancellationToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var check = PdfSignatureCheck.Check(pdf);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var issued = await db.IssuedPdfs.AsNoTracking().Where(p => p.Sha256 == sha).Select(p => new { p.DocumentId, p.SignedAt }).FirstOrDefaultAsync(cancellationToken);
        if (issued is not null && check.State == PdfSignatureState.Intact
            && await db.CaseDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == issued.DocumentId, cancellationToken) is { } document)
            return await statusOf(document) with { SignedAt = issued.SignedAt };

        var claimed = DocumentIdIn(pdf);
        var named = claimed is null ? null : await db.CaseDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == claimed, cancellationToken);
        var ours = check.PdfCertificate is { } cert && keys.Certificates().Any(c => c.Certificate.Equals(cert));
        if (named is not null)
        {
            var genuine = await statusOf(named);
            return genuine with { Status = "altered", Reason = check.Reason ?? "文件与签发的文书不一致（已被修改）。" };
        }
        // Signed with one of the offices' keys, but not a file the bureau keeps: not what was issued.
        if (ours)
            return new DocumentVerification("altered", null, null, null, null, check.Office, check.Reason ?? "文件与签发的文书不一致（已被修改）。");
        return new DocumentVerification("unknown", null, null, null, null, null, "查无此文书：文件不是本系统签发的文书。");
    }

    /// <summary>
    /// Verification by the number (or the document id) printed on the paper, with the short hash of its QR code when
    /// scanned: the notarial certificate of that number (or the document whose short hash matches) and its standing;
    /// a hash that matches no document of that number means the paper is not what was issued.
    /// </summary>
    public async Task<DocumentVerification> VerifyAsync(string numberOrId, string? shortHash, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var documents = await db.CaseDocuments.AsNoTracking()
            .Where(d => d.Number == numberOrId || d.Id == numberOrId)
            .OrderBy(d => d.IssuedAt).ThenBy(d => d.Id).Take(50).ToListAsync(cancellationToken);
        if (documents.Count == 0)
            return new DocumentVerification("unknown", numberOrId, null, null, null, null, "查无此文书。");
        CaseDocument document;
        if (!string.IsNullOrWhiteSpace(shortHash))
        {
            var match = documents.FirstOrDefault(d => string.Equals(ShortHash(d), shortHash.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var any = await StatusOfAsync(db, documents[0], cancellationToken);
                return any with { Status = "altered", Title = null, Reason = "验证码与该编号签发的文书不符：纸质文书的内容可能被改动。" };
            }
            document = match;
        }
        else
            document = documents.FirstOrDefault(d => d.Template == "notary/certificate") ?? documents[^1];
        return await StatusOfAsync(db, document, cancellationToken);
    }

    public async Task<DocumentVerification> StatusOfAsync(CaseDocument document, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await StatusOfAsync(db, document, cancellationToken);
    }

    /// <summary>A document's standing: a certificate's revocation or correction; any document superseded by a correction.</summary>
    async Task<DocumentVerification> StatusOfAsync(CaseworkDbContext db, CaseDocument document, CancellationToken cancellationToken)
    {
        var record = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == document.CaseId, cancellationToken);
        var fields = JsonNode.Parse(record.FieldsJson);
        var office = PdfComposer.IssuerOf(document.Html) ?? JsonNode.Parse(record.RuleSetJson ?? "{}")?["office"]?["name"]?.GetValue<string>();
        var superseded = await db.CaseDocuments.AnyAsync(d => d.SupersedesId == document.Id, cancellationToken);
        var status = document.Template == "notary/certificate"
            ? fields?["revoked"]?.GetValue<bool>() == true ? "revoked"
                : fields?["partiallyRevoked"]?.GetValue<bool>() == true ? "partially-revoked"
                : fields?["corrected"]?.GetValue<bool>() == true || superseded ? "corrected" : "valid"
            : superseded ? "corrected" : "valid";
        var matter = document.Template == "notary/certificate" ? fields?["matter"]?.GetValue<string>() : document.Title;
        return new DocumentVerification(status, document.Number ?? document.Id, document.Title, matter, calendar.Today(document.IssuedAt), office);
    }

    static string? DocumentIdIn(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var match = DocumentIdPattern().Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"/JusticeDocumentId\s*\(([0-9A-Za-z]{1,40})\)")]
    private static partial Regex DocumentIdPattern();
}
