using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Documents.Pdf;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Casework.Signing;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Justice.Workflows.Common;

namespace Justice.Casework.Issuing;

/// <summary>Whether an archive package is whole: its manifest's seal, and every file's size and SM3 hash.</summary>
public sealed record ArchiveCheck(bool Valid, string? Problem, int Files);

/// <summary>
/// Builds the electronic case file of an archived case (stage 归档, or closed): every issued document as its signed PDF,
/// the service records, the uploaded materials, the journal of each of the case's processes and the timeline, and
/// <c>manifest.json</c> (each file's name, size and SM3 hash) with <c>manifest.ses</c>, the office's GB/T 38540 seal
/// signature over the manifest's SM3 hash. Kept once built; the same bytes are served every time.
/// </summary>
public sealed class CaseArchives(
    IDbContextFactory<CaseworkDbContext> factory,
    WriteGate gate,
    IssuedDocuments issued,
    IInstanceQueries instances,
    OfficeKeyRing keys,
    IAuditTrail audit,
    TimeProvider clock,
    IOptions<SigningOptions> options)
{
    /// <summary>Archived: at the stage 归档, or closed with none of its processes still running (no review window left open).</summary>
    static async Task<bool> IsArchivedAsync(CaseworkDbContext db, CaseRecord record, CancellationToken cancellationToken) =>
        record.Stage == "归档"
        || record.Status == CaseStatus.Closed
            && !await db.Instances.AnyAsync(i => i.CorrelationId == record.Id && i.Status == Justice.Workflows.Runtime.WorkflowStatus.Running, cancellationToken);

    /// <summary>The case's archive package, built now if the case is archived and has none yet; null while the case is open.</summary>
    public async Task<CaseArchive?> GetAsync(string caseId, string uploadFolder, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.CaseArchives.AsNoTracking().FirstOrDefaultAsync(a => a.CaseId == caseId, cancellationToken) is { } kept)
            return kept;
        var record = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (record is null || !await IsArchivedAsync(db, record, cancellationToken))
            return null;

        var archive = await BuildAsync(db, record, uploadFolder, cancellationToken);
        using (await gate.EnterAsync(cancellationToken))
        {
            db.CaseArchives.Add(archive);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return await db.CaseArchives.AsNoTracking().FirstAsync(a => a.CaseId == caseId, cancellationToken);
            }
        }
        await audit.RecordAsync(actor, "case.archive", caseId, $"{record.Number ?? record.Title}：电子卷宗 {archive.Files} 个文件，SM3 {archive.Sm3[..16]}", cancellationToken);
        return archive;
    }

    async Task<CaseArchive> BuildAsync(CaseworkDbContext db, CaseRecord record, string uploadFolder, CancellationToken cancellationToken)
    {
        var files = new List<(string Name, byte[] Content)>();
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == record.Id).OrderBy(d => d.IssuedAt).ThenBy(d => d.Id).ToListAsync(cancellationToken);
        var n = 0;
        foreach (var document in documents)
        {
            var pdf = await issued.PdfAsync(document, cancellationToken);
            files.Add(($"documents/{++n:00}-{Safe(document.Title)}{(document.Number is null ? "" : "-" + Safe(document.Number))}.pdf", pdf.Content));
        }
        var services = await db.DocumentServices.AsNoTracking().Where(s => s.CaseId == record.Id).ToListAsync(cancellationToken);
        files.Add(("record/services.json", Json(services)));
        var timeline = await db.CaseEntries.AsNoTracking().Where(e => e.CaseId == record.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        files.Add(("record/timeline.json", Json(timeline)));
        var processes = await db.Instances.AsNoTracking().Where(i => i.CorrelationId == record.Id).Select(i => i.Id).ToListAsync(cancellationToken);
        foreach (var instanceId in processes)
            files.Add(($"record/journal-{instanceId}.json", Json(await instances.GetJournalAsync(instanceId, cancellationToken))));
        foreach (var entry in timeline.Where(e => e.Kind == "attachment"))
        {
            if (JsonNode.Parse(entry.DataJson) is not JsonObject data || data["file"]?.GetValue<string>() is not { } file)
                continue;
            var path = Path.Combine(uploadFolder, record.Id, Path.GetFileName(file));
            if (File.Exists(path))
                files.Add(($"materials/{Safe(data["fileName"]?.GetValue<string>() ?? file)}", await File.ReadAllBytesAsync(path, cancellationToken)));
        }

        var office = documents.Select(d => PdfComposer.IssuerOf(d.Html)).FirstOrDefault(o => o is { Length: > 0 }) ?? options.Value.BureauName;
        var now = clock.GetUtcNow();
        var manifest = new JsonObject
        {
            ["case"] = new JsonObject { ["id"] = record.Id, ["number"] = record.Number, ["title"] = record.Title, ["kind"] = record.Kind, ["stage"] = record.Stage },
            ["office"] = office,
            ["builtAt"] = now.ToString("O"),
            ["files"] = new JsonArray(files.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name, ["size"] = f.Content.Length, ["sm3"] = Convert.ToHexStringLower(HashChain.Sm3(f.Content)),
            }).ToArray()),
        };
        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var seal = ElectronicSeal.Sign(keys.Current(office, KeyPurpose.Seal), HashChain.Sm3(manifestBytes), now, "manifest.json; SM3");

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files.Append(("manifest.json", manifestBytes)).Append(("manifest.ses", seal)))
            {
                var item = archive.CreateEntry(name, CompressionLevel.Optimal);
                item.LastWriteTime = now;
                await using var stream = await item.OpenAsync(cancellationToken);
                await stream.WriteAsync(content, cancellationToken);
            }
        }
        var bytes = zip.ToArray();
        return new CaseArchive
        {
            CaseId = record.Id, Content = bytes, BuiltAt = now, Files = files.Count,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Sm3 = Convert.ToHexStringLower(HashChain.Sm3(bytes)),
        };
    }

    /// <summary>Checks a package: the manifest's seal signature over its SM3, and each listed file's size and SM3.</summary>
    public static ArchiveCheck Check(byte[] package)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
            var manifestBytes = Read(archive, "manifest.json");
            var seal = ElectronicSeal.Read(Read(archive, "manifest.ses"));
            if (!seal.SignatureValid || !seal.SealValid || !seal.DataHash.AsSpan().SequenceEqual(HashChain.Sm3(manifestBytes)))
                return new ArchiveCheck(false, "清单的电子印章签名无效（清单被修改）。", 0);
            var manifest = JsonNode.Parse(manifestBytes)!;
            var listed = manifest["files"]!.AsArray();
            foreach (var file in listed)
            {
                var name = file!["name"]!.GetValue<string>();
                var entry = archive.GetEntry(name);
                if (entry is null)
                    return new ArchiveCheck(false, $"缺少文件：{name}", listed.Count);
                var content = Read(archive, name);
                if (content.Length != file["size"]!.GetValue<int>() || Convert.ToHexStringLower(HashChain.Sm3(content)) != file["sm3"]!.GetValue<string>())
                    return new ArchiveCheck(false, $"文件被修改：{name}", listed.Count);
            }
            var extra = archive.Entries.Select(e => e.FullName).Except(listed.Select(f => f!["name"]!.GetValue<string>())).Except(["manifest.json", "manifest.ses"]).FirstOrDefault();
            return extra is null ? new ArchiveCheck(true, null, listed.Count) : new ArchiveCheck(false, $"清单之外的文件：{extra}", listed.Count);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException or ArgumentException or InvalidOperationException or NullReferenceException)
        {
            return new ArchiveCheck(false, "卷宗文件无法读取。", 0);
        }
    }

    static byte[] Read(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new InvalidDataException(name);
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, new JsonSerializerOptions
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    static string Safe(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string(name.Select(c => invalid.Contains(c) || c is '/' or '\\' ? '_' : c).ToArray()).Trim();
        return cleaned.Length > 80 ? cleaned[..80] : cleaned;
    }
}
