using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.X509;
using Justice.Workflows.Common;

namespace Justice.Casework.Signing;

/// <summary>What the signature of a PDF proves: nothing (no signature), a broken or altered file, or an intact file signed by a certificate.</summary>
public enum PdfSignatureState { Unsigned, Altered, Intact }

public sealed record PdfSignatureReport(PdfSignatureState State, string? Reason, string? Office = null, DateTime? SealTime = null,
    X509Certificate? PdfCertificate = null, X509Certificate? SealCertificate = null, bool SealValid = false)
{
    public static PdfSignatureReport Unsigned => new(PdfSignatureState.Unsigned, "文件没有电子签章。");
}

/// <summary>
/// Checks the signature of a PDF the way the bureau signs them: one signature covering the whole file but its own value
/// (nothing appended after signing, nothing hidden in the padding), a CMS that verifies with its certificate, and the
/// GB/T 38540 seal signature inside it whose SM3 hash matches the same bytes and whose SM2 signatures hold.
/// </summary>
public static partial class PdfSignatureCheck
{
    public static PdfSignatureReport Check(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var ranges = ByteRange().Matches(text);
        if (ranges.Count == 0)
            return PdfSignatureReport.Unsigned;
        if (ranges.Count > 1)
            return Altered("文件含有多个签名或签名后被追加修改。");
        var m = ranges[0];
        var br = Enumerable.Range(1, 4).Select(i => long.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
        if (br[0] != 0 || br[1] <= 0 || br[2] <= br[1] || br[2] + br[3] != pdf.Length)
            return Altered("签名范围未覆盖整个文件（签名后文件被修改或追加内容）。");
        if (pdf[br[1]] != '<' || pdf[br[2] - 1] != '>')
            return Altered("签名值的位置不正确。");
        var hex = text.Substring((int)br[1] + 1, (int)(br[2] - br[1] - 2));
        if (hex.Any(c => !Uri.IsHexDigit(c)))
            return Altered("签名值含有非法字符。");

        var signed = new byte[br[1] + br[3]];
        Buffer.BlockCopy(pdf, 0, signed, 0, (int)br[1]);
        Buffer.BlockCopy(pdf, (int)br[2], signed, (int)br[1], (int)br[3]);

        CmsSignedData cms;
        SignerInformation signer;
        X509Certificate certificate;
        try
        {
            var der = Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0");
            var length = DerLength(der);
            if (length <= 0 || der.AsSpan(length).ContainsAnyExcept((byte)0))
                return Altered("签名值之后的填充被修改。");
            cms = new CmsSignedData(new CmsProcessableByteArray(signed), der[..length]);
            var signers = cms.GetSignerInfos().GetSigners();
            if (signers.Count != 1)
                return Altered("签名数据不完整。");
            signer = signers.First();
            certificate = cms.GetCertificates().EnumerateMatches(signer.SignerID).FirstOrDefault()
                ?? throw new CmsException("no certificate");
            if (!signer.Verify(certificate))
                return Altered("文件内容与签名不符（文件已被修改）。");
        }
        catch (Exception ex) when (ex is CmsException or FormatException or ArgumentException or InvalidOperationException or IOException
            or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.Security.GeneralSecurityException)
        {
            return Altered("文件内容与签名不符（文件已被修改）。");
        }

        var sealAttribute = signer.UnsignedAttributes?[PdfSigner.SealAttribute];
        if (sealAttribute is null)
            return new PdfSignatureReport(PdfSignatureState.Intact, "文件未被修改，但没有电子印章签名。", PdfCertificate: certificate);
        try
        {
            var seal = ElectronicSeal.Read(sealAttribute.AttrValues[0].GetEncoded());
            if (!seal.DataHash.AsSpan().SequenceEqual(HashChain.Sm3(signed)) || !seal.SignatureValid || !seal.SealValid)
                return Altered("电子印章签名无效（文件已被修改或印章被替换）。");
            return new PdfSignatureReport(PdfSignatureState.Intact, null, seal.Office, seal.Time, certificate, seal.Certificate, true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            return Altered("电子印章签名无法读取。");
        }
    }

    static PdfSignatureReport Altered(string reason) => new(PdfSignatureState.Altered, reason);

    /// <summary>The length of the DER value at the start (tag, length, contents).</summary>
    static int DerLength(byte[] der)
    {
        if (der.Length < 2)
            return -1;
        int first = der[1];
        if (first < 0x80)
            return 2 + first;
        var count = first & 0x7F;
        if (count is 0 or > 4 || der.Length < 2 + count)
            return -1;
        var length = 0;
        for (var i = 0; i < count; i++)
            length = (length << 8) | der[2 + i];
        return length + 2 + count <= der.Length ? length + 2 + count : -1;
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRange();
}
