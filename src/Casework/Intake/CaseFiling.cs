using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using Justice.Workflows.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;

namespace Justice.Casework.Intake;

/// <summary>
/// An application received online: starts the kind's process and, in the burst that opens the case, keeps the
/// applicant's files under the uploads folder and writes their attachment entries with the case — a crash leaves
/// neither a case without its entries nor entries without their case.
/// </summary>
public sealed class CaseFiling(WorkflowRuntime runtime, ICaseStore store, TimeProvider clock, IStaffDirectory? staff = null)
{
    /// <summary>
    /// The started instance (its correlation id is the new case), or null when no version is published. A faulted start
    /// or one that opened no case records no attachment; the caller tells the applicant.
    /// </summary>
    public async Task<WorkflowInstanceRecord?> StartAsync(string definitionId, JsonObject input, string applicantEmail, IReadOnlyList<FiledAttachment> attachments,
        string uploadFolder, CancellationToken cancellationToken = default)
    {
        var written = new List<string>();
        try
        {
            return await runtime.StartAsync(definitionId, input, null,
                (workflow, ct) => AttachAsync(workflow, applicantEmail, attachments, uploadFolder, written, ct), cancellationToken);
        }
        catch
        {
            // The burst was not committed: no entry names these files.
            foreach (var path in written)
                File.Delete(path);
            throw;
        }
    }

    /// <summary>Writes the files beside the case and adds one attachment entry each to the burst's case changes.</summary>
    async ValueTask AttachAsync(WorkflowExecutionContext workflow, string applicantEmail, IReadOnlyList<FiledAttachment> attachments, string uploadFolder,
        List<string> written, CancellationToken cancellationToken)
    {
        if (attachments.Count == 0 || workflow.Record.SubStatus == WorkflowSubStatus.Faulted || workflow.CorrelationId is not { } caseId)
            return;
        var session = workflow.Unit.GetOrAddEffect(() => new CaseSession(store, workflow.Clock, staff));
        await session.GetAsync(caseId, cancellationToken);
        var folder = Path.Combine(uploadFolder, caseId);
        Directory.CreateDirectory(folder);
        foreach (var attachment in attachments)
        {
            var id = Ulid.NewId(clock.GetUtcNow());
            var path = Path.Combine(folder, id + Path.GetExtension(attachment.FileName).ToLowerInvariant());
            written.Add(path);
            await File.WriteAllBytesAsync(path, attachment.Content, cancellationToken);
            session.Add(new CaseEntry
            {
                Id = id,
                CaseId = caseId,
                At = clock.GetUtcNow(),
                Actor = applicantEmail,
                Kind = "attachment",
                Title = $"上传{attachment.Label}：{attachment.FileName}",
                DataJson = new JsonObject
                {
                    ["fileName"] = attachment.FileName, ["contentType"] = FiledAttachment.ContentTypeOf(attachment.FileName), ["size"] = attachment.Content.Length,
                    ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(attachment.Content)), ["file"] = Path.GetFileName(path),
                }.ToJsonString(),
            });
        }
    }
}
