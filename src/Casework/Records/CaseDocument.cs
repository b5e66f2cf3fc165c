namespace Justice.Casework.Records;

/// <summary>
/// A document issued in a case: rendered HTML, immutable once issued. A correction is a new document that names
/// the one it supersedes.
/// </summary>
public sealed class CaseDocument
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public string? InstanceId { get; set; }
    public required string Template { get; set; }
    public required string Title { get; set; }
    public string? Number { get; set; }
    public required string Html { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public string? IssuedBy { get; set; }
    public string? SupersedesId { get; set; }
    public required string Sha256 { get; set; }
}

/// <summary>Service of a document to a party (送达): how, and when it was received; periods start from receipt.</summary>
public sealed class DocumentService
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string DocumentId { get; set; }
    public string? PartyId { get; set; }
    public required string Recipient { get; set; }

    /// <summary><c>in-person</c> (直接送达), <c>post</c> (邮寄送达), <c>electronic</c> (电子送达).</summary>
    public required string Method { get; set; }
    public DateOnly ServedOn { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public string? RecordedBy { get; set; }
}

public static class ServiceMethods
{
    public const string InPerson = "in-person";
    public const string Post = "post";
    public const string Electronic = "electronic";

    public static readonly IReadOnlyList<string> All = [InPerson, Post, Electronic];

    public static string ChineseName(string method) => method switch
    {
        InPerson => "直接送达",
        Post => "邮寄送达",
        Electronic => "电子送达",
        _ => method,
    };
}
