using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Issuing;
using Justice.Casework.Records;
using Justice.Portal.Features.Filing;

namespace Justice.Portal.Features.Documents;

/// <summary>An applicant's uploaded file as stored: where, its type by its checked extension, the name it was uploaded under; <c>Stored</c> false when the file is gone.</summary>
public sealed record CaseArchiveAnswer(string Number, CaseArchive? Archive);

public sealed record StoredAttachment(string Path, string ContentType, string? FileName, bool Stored);

/// <summary>
/// The documents feature's one way into the casework: a case's issued documents and the applicant's uploaded
/// materials, for whoever may see the case (<see cref="UnauthorizedAccessException"/> for anyone else).
/// </summary>
public sealed class DocumentService(CaseQueries queries, FilingService filing, IssuedDocuments issued, CaseArchives archives)
{
    /// <summary>The document's signed PDF (made now if the background worker has not made it yet).</summary>
    public Task<IssuedPdf> PdfAsync(CaseDocument document, CancellationToken cancellationToken = default) => issued.PdfAsync(document, cancellationToken);

    /// <summary>The case's electronic case file for staff who may see the case; <c>Archive</c> null while the case is not archived; null when there is no such case.</summary>
    public async Task<CaseArchiveAnswer?> ArchiveAsync(CaseViewer viewer, string caseId, string actor, CancellationToken cancellationToken = default)
    {
        var details = await queries.GetAsync(viewer, caseId, cancellationToken);
        if (details is null)
            return null;
        return new CaseArchiveAnswer(details.Case.Number ?? details.Case.Id, await archives.GetAsync(caseId, filing.UploadFolder, actor, cancellationToken));
    }

    /// <summary>The case's document; null when the case or the document does not exist.</summary>
    public async Task<CaseDocument?> DocumentAsync(CaseViewer viewer, string caseId, string documentId, CancellationToken cancellationToken = default)
    {
        var details = await queries.GetAsync(viewer, caseId, cancellationToken);
        return details?.Documents.FirstOrDefault(d => d.Id == documentId);
    }

    /// <summary>The applicant's uploaded material of the case's timeline entry; null when the case has no such entry.</summary>
    public async Task<StoredAttachment?> AttachmentAsync(CaseViewer viewer, string caseId, string entryId, CancellationToken cancellationToken = default)
    {
        var details = await queries.GetAsync(viewer, caseId, cancellationToken);
        var entry = details?.Timeline.FirstOrDefault(e => e.Id == entryId && e.Kind == "attachment");
        if (entry is null || JsonNode.Parse(entry.DataJson) is not JsonObject data)
            return null;
        var path = Path.Combine(filing.UploadFolder, caseId, Path.GetFileName(data["file"]!.GetValue<string>()));
        // The type follows the stored file's checked extension, whatever an older record says.
        return new StoredAttachment(path, FilingService.ContentTypeOf(path), data["fileName"]?.GetValue<string>(), File.Exists(path));
    }
}
