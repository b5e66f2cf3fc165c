namespace Justice.Casework.Records;

/// <summary>
/// The electronic case file (电子卷宗) of an archived case: one ZIP of its signed documents, service records, uploaded
/// materials, journal and timeline, with a manifest (file names, sizes, SM3 hashes) sealed by the office. Built once
/// when first asked for after archiving; never rebuilt or changed.
/// </summary>
public sealed class CaseArchive
{
    public required string CaseId { get; set; }
    public required byte[] Content { get; set; }
    public required string Sha256 { get; set; }
    public required string Sm3 { get; set; }
    public DateTimeOffset BuiltAt { get; set; }
    public int Files { get; set; }
}
