using Justice.Casework.Documents.Pdf;
using Justice.Casework.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Tests.Casework.Documents;

/// <summary>
/// A signed document: poppler's <c>pdfsig</c> reads one valid ETSI.CAdES.detached signature over the whole file; the
/// bureau's own check finds the SM2 seal signature valid; one byte changed anywhere — in the text, in the padding of the
/// signature, or appended — makes the file altered.
/// </summary>
public sealed class PdfSignatureTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}");

    internal static OfficeKeyRing Ring(string folder) =>
        new(Options.Create(new SigningOptions { KeyFolder = folder, Passphrase = "test passphrase" }), TimeProvider.System, NullLogger<OfficeKeyRing>.Instance);

    byte[] SignedAward()
    {
        var html = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Casework", "Documents", "Templates", "arbitration", "award.expected.html"));
        var ring = Ring(_folder);
        var time = new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.FromHours(8));
        var composed = PdfDocumentTests.Composer().Compose(html, "裁决书", null, new SealStamp("衡阳仲裁委员会", "电子签章", "2026-11-26 10:30"));
        return PdfSigner.Sign(composed.Document, composed.SealPage, composed.SealRect,
            ring.Current("衡阳仲裁委员会", KeyPurpose.Pdf), ring.Current("衡阳仲裁委员会", KeyPurpose.Seal), time, "签发");
    }

    [Fact]
    public async Task SignedPdf_IsValidForPdfReaders_AndForTheSealCheck()
    {
        var pdf = SignedAward();
        var path = Path.Combine(_folder, "award.pdf");
        await File.WriteAllBytesAsync(path, pdf);

        var pdfsig = await PdfDocumentTests.Poppler("pdfsig", "-nocert", "-no-ocsp", path);
        Assert.Contains("Signature #1", pdfsig);
        Assert.Contains("ETSI.CAdES.detached", pdfsig);
        Assert.Contains("Signature is Valid.", pdfsig);
        Assert.Contains("Total document signed", pdfsig);

        var report = PdfSignatureCheck.Check(pdf);
        Assert.Equal(PdfSignatureState.Intact, report.State);
        Assert.True(report.SealValid);
        Assert.Equal("衡阳仲裁委员会", report.Office);
        Assert.Equal("SM3WITHSM2", report.SealCertificate!.SigAlgName, ignoreCase: true);
    }

    [Fact]
    public void AByteChanged_InTheText_InThePadding_OrAppended_IsAltered()
    {
        var pdf = SignedAward();
        Assert.Equal(PdfSignatureState.Intact, PdfSignatureCheck.Check(pdf).State);

        var inText = (byte[])pdf.Clone();
        inText[inText.Length / 3] ^= 0x01;
        Assert.Equal(PdfSignatureState.Altered, PdfSignatureCheck.Check(inText).State);

        var inPadding = (byte[])pdf.Clone();
        var end = PdfSigner.IndexOf(pdf, "00000000>"u8.ToArray()) + 8;
        Assert.True(end > 8, "the signature value ends in its zero padding");
        inPadding[end - 2] = (byte)'1';
        Assert.Equal(PdfSignatureState.Altered, PdfSignatureCheck.Check(inPadding).State);

        var appended = pdf.Concat("\n% appended\n"u8.ToArray()).ToArray();
        Assert.Equal(PdfSignatureState.Altered, PdfSignatureCheck.Check(appended).State);
    }

    [Fact]
    public void Keys_AreMadeOnce_KeptEncrypted_AndRotationRetiresTheOldKey()
    {
        var first = Ring(_folder).Current("衡阳市法律援助中心", KeyPurpose.Seal);
        var again = Ring(_folder).Current("衡阳市法律援助中心", KeyPurpose.Seal);
        Assert.Equal(first.Thumbprint, again.Thumbprint);
        Assert.Throws<IOException>(() => new Org.BouncyCastle.Pkcs.Pkcs12StoreBuilder().Build()
            .Load(File.OpenRead(Directory.GetFiles(_folder, "seal.p12", SearchOption.AllDirectories).Single()), "wrong".ToCharArray()));

        var ring = Ring(_folder);
        var rotated = ring.Rotate("衡阳市法律援助中心", KeyPurpose.Seal);
        Assert.NotEqual(first.Thumbprint, rotated.Thumbprint);
        var all = ring.Certificates("衡阳市法律援助中心").Where(c => c.Purpose == KeyPurpose.Seal).ToList();
        Assert.Equal(2, all.Count);
        Assert.Single(all, c => c.Current && c.Thumbprint == rotated.Thumbprint);
        Assert.Single(all, c => !c.Current && c.Thumbprint == first.Thumbprint);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, true);
    }
}
