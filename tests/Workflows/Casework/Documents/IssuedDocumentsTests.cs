using System.Text.Json.Nodes;
using Justice.Casework.Documents.Pdf;
using Justice.Casework.Issuing;
using Justice.Casework.Signing;
using Justice.Workflows.Tests.Casework.Processes;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Casework.Processes.CaseDriver;

namespace Justice.Workflows.Tests.Casework.Documents;

/// <summary>
/// Documents issued by the real notary process become signed, sealed PDFs once, kept with the case; an uploaded copy is
/// answered valid, altered, revoked (自始无效) or unknown; the number with the QR code's short hash checks a paper copy.
/// </summary>
public sealed class IssuedDocumentsTests : EngineTest
{
    IssuedDocuments Issued => Host.Services.GetRequiredService<IssuedDocuments>();

    async Task<CaseDriver> CertificateIssuedAsync()
    {
        await PublishAllAsync(Host);
        PlanSampling(Host, null);
        var d = await CaseDriver.StartAsync(Host, "notary-application", new JsonObject
        {
            ["Applicant"] = Applicant(), ["Matter"] = "学历公证", ["Purpose"] = "出国留学", ["Notary"] = Notary.Email, ["NotaryName"] = "陈公证员",
            ["CommitmentRoute"] = false, ["Verifiers"] = new JsonArray(Verifier.Email), ["FiledOn"] = "2026-11-26",
        });
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);
        await d.CompleteAsync("review", "无需核实", Notary, new JsonObject { ["statement"] = "兹证明刘晓梅于二〇二〇年六月毕业于湖南示范大学法学专业，获得法学学士学位。" });
        await d.CompleteAsync("approval", "批准", NotaryHead);
        await d.ServeAsync("deliver");
        return d;
    }

    [Fact]
    public async Task Certificate_IsSignedOnce_AsAPdfWithItsParties_NumberAndDate_AndTheOfficesSeal()
    {
        var d = await CertificateIssuedAsync();
        var certificate = (await d.DocumentsAsync()).Single(x => x.Template == "notary/certificate");

        var pdf = await Issued.PdfAsync(certificate);
        var again = await Issued.PdfAsync(certificate);

        Assert.Equal(pdf.Sha256, again.Sha256);
        Assert.Equal("衡阳市示范公证处", pdf.Office);
        var report = PdfSignatureCheck.Check(pdf.Content);
        Assert.Equal(PdfSignatureState.Intact, report.State);
        Assert.True(report.SealValid);
        var path = Path.Combine(Host.Folder, "certificate.pdf");
        await File.WriteAllBytesAsync(path, pdf.Content);
        var text = PdfDocumentTests.Squeeze(await PdfDocumentTests.Poppler("pdftotext", "-raw", "-enc", "UTF-8", path, "-"));
        Assert.Contains("刘晓梅", text);
        Assert.Contains(PdfDocumentTests.Squeeze(certificate.Number!), text);
        Assert.Contains("二〇二六年十一月二十六日", text);
        Assert.Contains(IssuedDocuments.ShortHash(certificate), text);
        Assert.Contains("Signature is Valid.", await PdfDocumentTests.Poppler("pdfsig", "-nocert", "-no-ocsp", path));

        var signedLater = await Issued.SignPendingAsync(100);
        Assert.Equal((await d.DocumentsAsync()).Count - 1, signedLater);
        Assert.Equal(0, await Issued.SignPendingAsync(100));
    }

    [Fact]
    public async Task UploadedCopy_IsValid_AByteChangedIsAltered_ARevokedCertificateIsVoid_AndAStrangersPdfIsUnknown()
    {
        var d = await CertificateIssuedAsync();
        var certificate = (await d.DocumentsAsync()).Single(x => x.Template == "notary/certificate");
        var pdf = (await Issued.PdfAsync(certificate)).Content;

        var valid = await Issued.VerifyPdfAsync(pdf);
        Assert.Equal("valid", valid.Status);
        Assert.Equal(certificate.Number, valid.Number);
        Assert.Equal("学历公证", valid.Matter);
        Assert.Equal("衡阳市示范公证处", valid.Office);
        Assert.Equal(new DateOnly(2026, 11, 26), valid.IssuedOn);

        var changed = (byte[])pdf.Clone();
        changed[changed.Length / 2] ^= 0x20;
        var altered = await Issued.VerifyPdfAsync(changed);
        Assert.Equal("altered", altered.Status);
        Assert.Equal(certificate.Number, altered.Number);

        var stranger = PdfDocumentTests.Composer().Compose("<div class=\"sheet\"><div class=\"issuer\">某公司</div><p>一份文件</p></div>", "文件", null, null);
        using var buffer = new MemoryStream();
        stranger.Document.Save(buffer);
        Assert.Equal("unknown", (await Issued.VerifyPdfAsync(buffer.ToArray())).Status);

        await d.CompleteAsync("reviewWindow", "申请复查", Notary);
        await d.CompleteAsync("reviewCase", "撤销", OtherNotary, new JsonObject { ["reviewer"] = "周公证员", ["findings"] = "申请人隐瞒了学籍已被注销的事实" });
        await d.CompleteAsync("headReview", "批准", NotaryHead);
        Assert.Equal("revoked", (await Issued.VerifyPdfAsync(pdf)).Status);
    }

    [Fact]
    public async Task NumberAndShortHash_FromThePaper_AreCheckedTogether()
    {
        var d = await CertificateIssuedAsync();
        var certificate = (await d.DocumentsAsync()).Single(x => x.Template == "notary/certificate");

        Assert.Equal("valid", (await Issued.VerifyAsync(certificate.Number!, IssuedDocuments.ShortHash(certificate))).Status);
        Assert.Equal("valid", (await Issued.VerifyAsync(certificate.Number!, null)).Status);
        Assert.Equal("altered", (await Issued.VerifyAsync(certificate.Number!, "00000000")).Status);
        Assert.Equal("unknown", (await Issued.VerifyAsync("（2026）湘衡示证字第9999号", null)).Status);
    }

    [Fact]
    public async Task ArchivedCase_GetsOnePackage_OfSignedDocuments_RecordsAndASealedManifest_ThatDetectsAnyChange()
    {
        var d = await CertificateIssuedAsync();
        var archives = Host.Services.GetRequiredService<CaseArchives>();
        Assert.Null(await archives.GetAsync(d.CaseId, Host.Folder, "secretary@test"));

        await d.CompleteAsync("reviewWindow", "无复查申请", Notary);
        Assert.Equal("归档", (await d.CaseAsync()).Stage);
        var archive = await archives.GetAsync(d.CaseId, Host.Folder, "secretary@test");
        var again = await archives.GetAsync(d.CaseId, Host.Folder, "secretary@test");

        Assert.NotNull(archive);
        Assert.Equal(archive.Sha256, again!.Sha256);
        var check = CaseArchives.Check(archive.Content);
        Assert.True(check.Valid, check.Problem);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(archive.Content)))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Equal((await d.DocumentsAsync()).Count, names.Count(n => n.StartsWith("documents/", StringComparison.Ordinal) && n.EndsWith(".pdf", StringComparison.Ordinal)));
            Assert.Contains(names, n => n.Contains("公证书", StringComparison.Ordinal));
            Assert.Contains("record/timeline.json", names);
            Assert.Contains("record/services.json", names);
            Assert.Contains(names, n => n.StartsWith("record/journal-", StringComparison.Ordinal));
            Assert.Contains("manifest.ses", names);
        }

        // One file of the package replaced: the manifest no longer matches.
        using var changed = new MemoryStream();
        changed.Write(archive.Content);
        using (var zip = new System.IO.Compression.ZipArchive(changed, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var timeline = zip.GetEntry("record/timeline.json")!;
            timeline.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("record/timeline.json").Open());
            writer.Write("[]");
        }
        var broken = CaseArchives.Check(changed.ToArray());
        Assert.False(broken.Valid);
        Assert.Contains("record/timeline.json", broken.Problem);
    }

    [Fact]
    public async Task IntegrityCheck_NamesTheSignedPdfAndTheDocumentEditedInSqlite_AndNothingElse()
    {
        var d = await CertificateIssuedAsync();
        await Issued.SignPendingAsync(100);
        var documents = await d.DocumentsAsync();
        var certificate = documents.Single(x => x.Template == "notary/certificate");
        var notice = certificate;
        var check = Host.Services.GetRequiredService<Justice.Casework.Integrity.IntegrityCheck>();
        Assert.True((await check.RunAsync()).IsIntact);

        // One byte of the stored PDF's text changed, its recorded hashes left as they were.
        Assert.Equal(1, await Host.ExecuteSqlAsync(Host.IsPostgres
            ? """UPDATE "IssuedPdfs" SET "Content" = decode(replace(encode("Content", 'escape'), 'JusticeDocumentId', 'JusticeDocumentID'), 'escape') WHERE "DocumentId" = @id"""
            : """UPDATE "IssuedPdfs" SET "Content" = CAST(replace(CAST("Content" AS TEXT), 'JusticeDocumentId', 'JusticeDocumentID') AS BLOB) WHERE "DocumentId" = @id""",
            ("@id", certificate.Id)));
        Assert.Equal(1, await Host.ExecuteSqlAsync("""UPDATE "CaseDocuments" SET "Html" = replace("Html", '</body>', '<!-- -->' || '</body>') WHERE "Id" = @id""", ("@id", notice.Id)));

        var report = await check.RunAsync();
        var problems = report.Results.Single(r => r.Kind == "documents").Problems;
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Table == "IssuedPdfs" && p.EntryId == certificate.Id);
        Assert.Contains(problems, p => p.Table == "CaseDocuments" && p.EntryId == notice.Id);
        Assert.All(report.Results.Where(r => r.Kind != "documents"), r => Assert.True(r.IsIntact));
    }
}
