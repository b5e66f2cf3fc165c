using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Justice.Casework.Cases;

/// <summary>
/// Counts the running periods again when the holiday data change (a year's State Council notice added to the
/// calendar folder): a period whose last day moves takes its timer and its task's deadline with it, and its case's
/// timeline records the change. The first check after a start counts every running period, so a notice added
/// while the portal was stopped is applied too; a count that comes out the same changes nothing.
/// </summary>
public sealed class PeriodRecalculation(
    IDbContextFactory<CaseworkDbContext> factory, PeriodPlanner planner, WriteGate gate, TimeProvider clock, ILogger<PeriodRecalculation> logger)
{
    readonly SemaphoreSlim _turn = new(1, 1);
    int? _revision;

    /// <summary>Re-reads the holiday data and, when it changed since the last check (or on the first), counts again. Returns the periods moved.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var holidays = planner.Calendar.Holidays;
            holidays.Refresh();
            var revision = holidays.Revision;
            if (revision == _revision)
                return 0;
            var moved = await RecountAsync(cancellationToken);
            _revision = revision;
            return moved;
        }
        finally
        {
            _turn.Release();
        }
    }

    async Task<int> RecountAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = planner.Calendar.Today(now);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var running = await db.CasePeriods.Where(p => p.Status == PeriodStatus.Running && p.DueOn >= today).ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var period in running)
        {
            var due = planner.Recount(period);
            if (due == period.DueOn)
                continue;
            if (period.ResumedOn is null && await WasResumedAsync(db, period, cancellationToken))
            {
                // Resumed before resumptions were recorded: where it counts from is unknown, so it is left alone.
                logger.LogWarning("案件 {CaseId} 的期间 {Code} 曾恢复计算，无法按新的节假日安排重算，请人工核对届满日 {DueOn}。", period.CaseId, period.Code, period.DueOn);
                continue;
            }
            var previous = period.DueOn;
            period.DueOn = due;
            period.UpdatedAt = now;
            var expires = planner.ExpiresAt(period);
            if (period.BookmarkId is { } bookmarkId)
            {
                foreach (var timer in await db.Timers.Where(t => t.BookmarkId == bookmarkId).ToListAsync(cancellationToken))
                    timer.DueAt = expires;
                foreach (var task in await db.HumanTasks.Where(t => t.Id == bookmarkId && t.Status == HumanTaskRecord.Open).ToListAsync(cancellationToken))
                    task.DueAt = expires;
            }
            db.CaseEntries.Add(new CaseEntry
            {
                Id = Ulid.NewId(now),
                CaseId = period.CaseId,
                At = now,
                Actor = "系统",
                Kind = "period",
                Title = $"{period.Label}届满日因节假日安排更新由{previous:yyyy-MM-dd}改为{due:yyyy-MM-dd}",
                DataJson = new JsonObject { ["code"] = period.Code, ["from"] = previous.ToString("yyyy-MM-dd"), ["dueOn"] = due.ToString("yyyy-MM-dd") }.ToJsonString(),
            });
            moved++;
        }
        if (moved == 0)
            return 0;
        using (await gate.EnterAsync(cancellationToken))
            await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("节假日安排更新：{Count} 个正在进行的期间届满日已重算。", moved);
        return moved;
    }

    static async Task<bool> WasResumedAsync(CaseworkDbContext db, CasePeriod period, CancellationToken cancellationToken) =>
        (await db.CaseEntries.Where(e => e.CaseId == period.CaseId && e.Kind == "period" && e.Title.Contains("恢复计算")).Select(e => e.DataJson).ToListAsync(cancellationToken))
            .Any(data => JsonNode.Parse(data)?["code"]?.GetValue<string>() == period.Code);
}
