using System.Data.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>The inbox rows of user-task bookmarks.</summary>
public sealed class EfTaskStore(IDbContextFactory<WorkflowDbContext> factory, WriteGate gate) : ITaskStore
{
    public async Task<bool> SetAssigneeAsync(string taskId, string? expected, string? assignee, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        return await db.HumanTasks.Where(t => t.Id == taskId && t.Status == HumanTaskRecord.Open && t.Assignee == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, assignee), cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<HumanTaskRecord>> GetOpenTasksAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskRecord.Open && instanceIds.Contains(t.InstanceId)).ToListAsync(cancellationToken);
    }


    public async Task<HumanTaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.HumanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
    }

    public async Task<(IReadOnlyList<HumanTaskRecord> Items, int TotalCount)> ListOpenTasksAsync(IReadOnlyCollection<string> roles, string? userId, IReadOnlyCollection<string> caseIds, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var q = db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskRecord.Open)
            .Where(t => (t.Assignee == null && t.CaseRelation == null && t.Role != null && roles.Contains(t.Role))
                || (userId != null && t.Assignee == userId)
                || (t.Assignee == null && t.CaseRelation != null && t.CaseId != null && caseIds.Contains(t.CaseId)));
        var total = await q.CountAsync(cancellationToken);
        var ordered = q.OrderByDescending(t => t.IsOverdue).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt);
        var items = await (pageSize == int.MaxValue ? ordered : ordered.Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return (items, total);
    }
}
