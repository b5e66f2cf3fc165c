using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Cases;

/// <summary>Notes people add to a case's file (they appear on its timeline).</summary>
public sealed class CaseNotes(IDbContextFactory<CaseworkDbContext> factory, CaseQueries queries, WriteGate gate, TimeProvider clock)
{
    public async Task<CaseEntry> AddAsync(CaseViewer viewer, string caseId, string text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
            throw new ArgumentException("备注不能为空，且不超过 4000 字。");
        if (await queries.GetAsync(viewer, caseId, cancellationToken) is null)
            throw new KeyNotFoundException($"案件“{caseId}”不存在。");
        if (!CaseAccess.MayChange(viewer) || !CaseAccess.IsStaff(viewer))
            throw new UnauthorizedAccessException("您只能查看本案。");
        var entry = new CaseEntry
        {
            Id = Ulid.NewId(clock.GetUtcNow()),
            CaseId = caseId,
            At = clock.GetUtcNow(),
            Actor = viewer.Email,
            Kind = CaseEntryKinds.Note,
            Title = text.Trim(),
            DataJson = new JsonObject().ToJsonString(),
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.CaseEntries.Add(entry);
        using var turn = await gate.EnterAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }
}
