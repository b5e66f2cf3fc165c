using Justice.Workflows.Runtime.Stores;
using Justice.Workflows.Management;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>The definition store on EF Core.</summary>
public sealed class EfWorkflowDefinitionStore(IDbContextFactory<WorkflowDbContext> factory, WriteGate gate) : IWorkflowDefinitionStore
{
    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(string DefinitionId, string VersionId)>> ListPublishedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Definitions.AsNoTracking().Where(d => d.IsPublished).OrderBy(d => d.DefinitionId)
            .Select(d => new { d.DefinitionId, d.Id }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.DefinitionId, r.Id)).ToList();
    }

    public async Task<WorkflowDefinitionRecord?> FindByVersionIdAsync(string versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == versionId, cancellationToken);
    }

    public async Task<WorkflowDefinitionRecord?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsPublished, cancellationToken);
    }

    public async Task<(IReadOnlyList<(WorkflowDefinitionRecord Latest, int? PublishedVersion)> Items, int TotalCount)> ListLatestAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var latest = db.Definitions.AsNoTracking().Where(d => d.IsLatest);
        var total = await latest.CountAsync(cancellationToken);
        var items = await latest.OrderBy(d => d.DefinitionId).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new
            {
                Latest = d,
                Published = db.Definitions.Where(p => p.DefinitionId == d.DefinitionId && p.IsPublished).Select(p => (int?)p.Version).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return (items.Select(i => (i.Latest, i.Published)).ToList(), total);
    }

    public async Task SaveAsync(IReadOnlyCollection<WorkflowDefinitionRecord> versions, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ids = versions.Select(v => v.Id).ToList();
        var existing = await db.Definitions.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var version in versions)
        {
            if (existing.Contains(version.Id))
                db.Definitions.Update(version);
            else
                db.Definitions.Add(version);
        }
        using var turn = await gate.EnterAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsDuplicateVersion(ex))
        {
            // Another node saved the same definition's next version at the same moment (the unique version number).
            throw new WorkflowConflictException("该流程定义刚被其他节点保存，请重试。");
        }
    }

    static bool IsDuplicateVersion(DbUpdateException ex) => ex.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        _ => false,
    };

    public async Task SaveFlagsAsync(IReadOnlyCollection<WorkflowDefinitionRecord> versions, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var version in versions)
        {
            await db.Definitions.Where(d => d.Id == version.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.IsLatest, version.IsLatest)
                .SetProperty(d => d.IsPublished, version.IsPublished)
                .SetProperty(d => d.UpdatedAt, version.UpdatedAt), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteAsync(WorkflowDefinitionRecord version, IReadOnlyCollection<WorkflowDefinitionRecord> changed, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Definitions.Remove(version);
        db.Definitions.UpdateRange(changed);
        using var turn = await gate.EnterAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
