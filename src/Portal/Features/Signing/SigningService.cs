using System.Security.Claims;
using Justice.Casework.Rules;
using Justice.Casework.Signing;
using Justice.Portal.Features.Audit;
using Microsoft.Extensions.Options;

namespace Justice.Portal.Features.Signing;

/// <summary>A certificate of an office as the administrators' page lists it.</summary>
public sealed record OfficeCertificateView(string Office, string Purpose, string Subject, string Thumbprint, DateTime NotBefore, DateTime NotAfter, bool Current, bool Imported, string Algorithm);

/// <summary>
/// The offices' signing keys for administrators: the certificates of every issuing office (current and retired),
/// importing an office's own certificate and key (PKCS#12) and rotating to a new key. Every change is audited.
/// </summary>
public sealed class SigningService(OfficeKeyRing keys, RuleSetProvider rules, IOptions<SigningOptions> options, AuditLog audit)
{
    public const int MaxPkcs12Bytes = 64 * 1024;

    /// <summary>The issuing offices: those of the rule sets, the bureau, and any with keys already.</summary>
    public IReadOnlyList<string> Offices() =>
        rules.All.Select(r => r.Office["name"]?.GetValue<string>()).OfType<string>()
            .Append(options.Value.BureauName)
            .Concat(keys.Certificates().Select(c => c.Office))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<OfficeCertificateView> Certificates() =>
        keys.Certificates().OrderBy(c => c.Office, StringComparer.Ordinal).ThenBy(c => c.Purpose).ThenByDescending(c => c.Current).ThenByDescending(c => c.NotBefore)
            .Select(View).ToList();

    /// <summary>Every issuing office's keys, made now where missing (at the start of a new installation).</summary>
    public void EnsureAll()
    {
        foreach (var office in Offices())
            Ensure(office);
    }

    /// <summary>Makes the office's keys now if it has none (as the first signature would).</summary>
    public void Ensure(string office)
    {
        keys.Current(office, KeyPurpose.Seal);
        keys.Current(office, KeyPurpose.Pdf);
    }

    public async Task<(OfficeCertificateView? Certificate, string? Problem)> ImportAsync(ClaimsPrincipal actor, string office, byte[] pkcs12, string password, CancellationToken cancellationToken = default)
    {
        if (!Offices().Contains(office))
            return (null, $"未知的签发机构“{office}”。");
        if (pkcs12.Length is 0 or > MaxPkcs12Bytes)
            return (null, "请上传不超过 64 KB 的 PKCS#12（.p12 / .pfx）证书文件。");
        try
        {
            var certificate = View(keys.Import(office, pkcs12, password));
            await audit.RecordAsync(actor, "signing.import", office, $"{certificate.Purpose}：{certificate.Subject}，{certificate.Thumbprint[..16]}", cancellationToken);
            return (certificate, null);
        }
        catch (SigningException ex)
        {
            return (null, ex.Message);
        }
    }

    public async Task<(OfficeCertificateView? Certificate, string? Problem)> RotateAsync(ClaimsPrincipal actor, string office, string purpose, CancellationToken cancellationToken = default)
    {
        if (!Offices().Contains(office))
            return (null, $"未知的签发机构“{office}”。");
        if (!Enum.TryParse<KeyPurpose>(purpose, ignoreCase: true, out var kind))
            return (null, "密钥用途应为 seal（电子印章，SM2）或 pdf（PDF 签名）。");
        var certificate = View(keys.Rotate(office, kind));
        await audit.RecordAsync(actor, "signing.rotate", office, $"{certificate.Purpose}：新证书 {certificate.Thumbprint[..16]}", cancellationToken);
        return (certificate, null);
    }

    static OfficeCertificateView View(OfficeCertificate c) =>
        new(c.Office, c.Purpose == KeyPurpose.Seal ? "seal" : "pdf", c.Subject, c.Thumbprint, c.NotBefore, c.NotAfter, c.Current, c.Imported, c.Certificate.SigAlgName);
}
