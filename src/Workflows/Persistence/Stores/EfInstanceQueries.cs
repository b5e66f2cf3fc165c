using System.Data.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>Instances as views and administration read them: one instance, its journal and incidents, lists and counts.</summary>
public sealed class EfInstanceQueries(IDbContextFactory<WorkflowDbContext> factory) : IInstanceQueries
{
    public async Task<IReadOnlyList<WorkflowInstanceRecord>> GetChildrenAsync(string parentInstanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == parentInstanceId).ToListAsync(cancellationToken);
    }

    public async Task<WorkflowInstanceRecord?> FindAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId).OrderBy(i => i.At).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BookmarkRecord>> GetBookmarksAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<WorkflowInstanceRecord> Items, int TotalCount)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var q = db.Instances.AsNoTracking();
        if (!string.IsNullOrEmpty(query.DefinitionId))
            q = q.Where(i => i.DefinitionId == query.DefinitionId);
        if (!string.IsNullOrEmpty(query.Status))
            q = q.Where(i => i.Status == query.Status);
        if (!string.IsNullOrEmpty(query.SubStatus))
            q = q.Where(i => i.SubStatus == query.SubStatus);
        if (!string.IsNullOrEmpty(query.CorrelationId))
            q = q.Where(i => i.CorrelationId == query.CorrelationId);
        var total = await q.CountAsync(cancellationToken);
        var items = await q.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountInstancesByVersionAsync(string definitionId, CancellationToken cancellationToken = default) =>
        (await CountInstancesPerVersionAsync(definitionId, cancellationToken)).ToDictionary(c => c.Key, c => c.Value.Total);

    public async Task<IReadOnlyDictionary<string, (int Total, int Running)>> CountInstancesPerVersionAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // By version id, so that the (version, status) index answers it without reading the instances.
        var versions = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).Select(d => d.Id).ToListAsync(cancellationToken);
        var counts = await db.Instances.AsNoTracking().Where(i => versions.Contains(i.DefinitionVersionId))
            .GroupBy(i => new { i.DefinitionVersionId, i.Status }).Select(g => new { g.Key.DefinitionVersionId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.DefinitionVersionId).ToDictionary(g => g.Key,
            g => (g.Sum(c => c.Count), g.Where(c => c.Status == Runtime.WorkflowStatus.Running).Sum(c => c.Count)));
    }

    public async Task<IReadOnlyList<string>> ListUnfinishedOnVersionAsync(string versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionVersionId == versionId && (i.Status == Runtime.WorkflowStatus.Running || i.SubStatus == Runtime.WorkflowSubStatus.Faulted))
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountRunningPerDefinitionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().Where(i => i.Status == Runtime.WorkflowStatus.Running)
            .GroupBy(i => i.DefinitionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }
}
