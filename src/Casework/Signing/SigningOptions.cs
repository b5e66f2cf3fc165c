namespace Justice.Casework.Signing;

/// <summary><c>Signing:*</c>: where the offices' keys live and how they are protected.</summary>
public sealed class SigningOptions
{
    public const string Section = "Signing";

    /// <summary>
    /// The folder of the key ring (one folder per office: its SM2 seal key and its PDF signing key, each a PKCS#12 file
    /// encrypted with <see cref="Passphrase"/>, and the retired keys). Several portal nodes share it (or each gets a copy).
    /// Default: <c>signing-keys</c> beside the SQLite database, or under the application's folder.
    /// </summary>
    public string? KeyFolder { get; set; }

    /// <summary>
    /// The passphrase the PKCS#12 files are encrypted with. Set it in Production (environment variable
    /// <c>Signing__Passphrase</c> or a secret store); without it a random passphrase is made at first start and kept in
    /// the key folder, readable by the service account only.
    /// </summary>
    public string? Passphrase { get; set; }

    /// <summary>Years a certificate made at first start is valid.</summary>
    public int CertificateYears { get; set; } = 10;

    /// <summary>Issued documents are signed shortly after they are issued, by a background worker (else on first download).</summary>
    public bool SignInBackground { get; set; } = true;

    /// <summary>The office that signs a document without a letterhead: the bureau.</summary>
    public string BureauName { get; set; } = "衡阳市司法局";

    /// <summary>The public verification address printed under the QR code (the portal's <c>/verify</c>).</summary>
    public string? VerifyUrl { get; set; }
}
