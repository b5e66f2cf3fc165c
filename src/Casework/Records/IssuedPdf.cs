namespace Justice.Casework.Records;

/// <summary>
/// The signed PDF of an issued document: made once from the document's HTML, sealed and signed by its office, never
/// changed. Its SHA-256 finds it again when a party's copy is uploaded for verification.
/// </summary>
public sealed class IssuedPdf
{
    public required string DocumentId { get; set; }
    public required string CaseId { get; set; }
    public required byte[] Content { get; set; }
    public required string Sha256 { get; set; }
    public required string Sm3 { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public required string Office { get; set; }

    /// <summary>SHA-256 thumbprints of the certificates that signed it (the PDF signature's and the seal's).</summary>
    public required string PdfCertificate { get; set; }
    public required string SealCertificate { get; set; }
    public int Pages { get; set; }
}
