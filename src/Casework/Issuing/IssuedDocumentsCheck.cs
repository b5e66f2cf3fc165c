using System.Security.Cryptography;
using Justice.Casework.Integrity;
using Justice.Casework.Persistence;
using Justice.Casework.Signing;
using Microsoft.EntityFrameworkCore;
using Justice.Workflows.Common;

namespace Justice.Casework.Issuing;

/// <summary>
/// The issued documents in the integrity check: every document's HTML still gives its SHA-256; every signed PDF still
/// gives its SHA-256 and SM3, and its signatures (PAdES and the SM2 seal) hold and are by the certificates recorded;
/// every archive package still gives its hashes and its sealed manifest matches its files. Read in pages, never all at once.
/// </summary>
public sealed class IssuedDocumentsCheck(IDbContextFactory<CaseworkDbContext> factory) : IIntegrityCheck
{
    const int Page = 200;

    public string Kind => "documents";

    public async Task<IntegrityResult> RunAsync(IProgress<IntegrityProgress>? progress, CancellationToken cancellationToken = default)
    {
        var problems = new List<IntegrityProblem>();
        long entries = 0, broken = 0;
        void Broken(string table, string caseId, string id, string code, string expected, string found)
        {
            broken++;
            if (problems.Count < IntegrityResult.MaxProblems)
                problems.Add(new IntegrityProblem(Kind, table, caseId, null, id, code, expected, found));
        }

        long total;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            total = await db.CaseDocuments.LongCountAsync(cancellationToken) + await db.IssuedPdfs.LongCountAsync(cancellationToken) + await db.CaseArchives.LongCountAsync(cancellationToken);
        progress?.Report(new IntegrityProgress(Kind, 0, total));

        string? after = null;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var documents = await db.CaseDocuments.AsNoTracking().Where(d => after == null || string.Compare(d.Id, after) > 0)
                .OrderBy(d => d.Id).Take(Page).Select(d => new { d.Id, d.CaseId, d.Html, d.Sha256 }).ToListAsync(cancellationToken);
            if (documents.Count == 0)
                break;
            foreach (var d in documents)
            {
                var hash = Documents.DocumentHash.Of(d.Html);
                if (hash != d.Sha256)
                    Broken("CaseDocuments", d.CaseId, d.Id, ProblemCodes.HashMismatch, d.Sha256, hash);
            }
            entries += documents.Count;
            after = documents[^1].Id;
            progress?.Report(new IntegrityProgress(Kind, entries, total));
        }

        after = null;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var pdfs = await db.IssuedPdfs.AsNoTracking().Where(p => after == null || string.Compare(p.DocumentId, after) > 0)
                .OrderBy(p => p.DocumentId).Take(Page / 4).ToListAsync(cancellationToken);
            if (pdfs.Count == 0)
                break;
            foreach (var p in pdfs)
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(p.Content));
                var sm3 = Convert.ToHexStringLower(HashChain.Sm3(p.Content));
                if (sha != p.Sha256 || sm3 != p.Sm3)
                {
                    Broken("IssuedPdfs", p.CaseId, p.DocumentId, ProblemCodes.HashMismatch, p.Sha256, sha);
                    continue;
                }
                var signature = PdfSignatureCheck.Check(p.Content);
                var pdfThumbprint = signature.PdfCertificate is { } pc ? Convert.ToHexStringLower(SHA256.HashData(pc.GetEncoded())) : "";
                var sealThumbprint = signature.SealCertificate is { } sc ? Convert.ToHexStringLower(SHA256.HashData(sc.GetEncoded())) : "";
                if (signature.State != PdfSignatureState.Intact || !signature.SealValid)
                    Broken("IssuedPdfs", p.CaseId, p.DocumentId, "signature-invalid", "intact", signature.Reason ?? signature.State.ToString());
                else if (pdfThumbprint != p.PdfCertificate || sealThumbprint != p.SealCertificate)
                    Broken("IssuedPdfs", p.CaseId, p.DocumentId, "signer-mismatch", $"{p.PdfCertificate[..16]}/{p.SealCertificate[..16]}", $"{pdfThumbprint[..Math.Min(16, pdfThumbprint.Length)]}/{sealThumbprint[..Math.Min(16, sealThumbprint.Length)]}");
            }
            entries += pdfs.Count;
            after = pdfs[^1].DocumentId;
            progress?.Report(new IntegrityProgress(Kind, entries, total));
        }

        after = null;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var archive = await db.CaseArchives.AsNoTracking().Where(a => after == null || string.Compare(a.CaseId, after) > 0)
                .OrderBy(a => a.CaseId).FirstOrDefaultAsync(cancellationToken);
            if (archive is null)
                break;
            var sha = Convert.ToHexStringLower(SHA256.HashData(archive.Content));
            if (sha != archive.Sha256)
                Broken("CaseArchives", archive.CaseId, archive.CaseId, ProblemCodes.HashMismatch, archive.Sha256, sha);
            else if (CaseArchives.Check(archive.Content) is { Valid: false } check)
                Broken("CaseArchives", archive.CaseId, archive.CaseId, "manifest-mismatch", "intact", check.Problem ?? "");
            entries++;
            after = archive.CaseId;
            progress?.Report(new IntegrityProgress(Kind, entries, total));
        }
        return new IntegrityResult(Kind, entries, entries, broken, problems);
    }
}

/// <summary>
/// Seals each day's chain heads with the bureau's SM2 key (SM3 with SM2 over the day's digest); verifies with the
/// certificate the seal names, current or retired.
/// </summary>
public sealed class BureauRecordSealer(OfficeKeyRing keys, Microsoft.Extensions.Options.IOptions<SigningOptions> options, Cases.IAuditTrail audit) : IRecordSealer
{
    public async Task<SealedValue> SealAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        var key = keys.Current(options.Value.BureauName, KeyPurpose.Seal);
        var data = digest.ToArray();
        var seal = new SealedValue(key.Thumbprint, key.Algorithm, ElectronicSeal.Sm2Sign(key, data));
        await audit.RecordAsync("system", "signing.day-seal", options.Value.BureauName,
            $"每日链头封存：摘要 {Convert.ToHexString(data)[..16]}，证书 {key.Thumbprint[..16]}", cancellationToken);
        return seal;
    }

    public bool Verify(ReadOnlyMemory<byte> digest, SealedValue seal)
    {
        var certificate = keys.Certificates(options.Value.BureauName).FirstOrDefault(c => c.Thumbprint == seal.KeyId && c.Purpose == KeyPurpose.Seal);
        return certificate is not null && ElectronicSeal.Sm2Verify(certificate.Certificate, digest.ToArray(), seal.Signature);
    }
}
