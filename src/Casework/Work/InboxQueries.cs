using Justice.Casework.Persistence;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Work;

/// <summary>The case of a task as the inbox shows it.</summary>
public sealed record InboxCase(string Id, string? Number, string Kind, string Stage, string Title);

/// <summary>What the inbox adds to a page of tasks: their cases, and the first day of the periods their deadlines count.</summary>
public sealed record InboxFacts(IReadOnlyDictionary<string, InboxCase> Cases, IReadOnlyDictionary<string, DateOnly> PeriodStarts);

/// <summary>The inbox's reads beside the task page (<see cref="Tasks.TaskService.ListPageAsync"/>): the cases and periods of the page's tasks.</summary>
public sealed class InboxQueries(IDbContextFactory<CaseworkDbContext> factory)
{
    public async Task<InboxFacts> FactsAsync(IReadOnlyCollection<HumanTaskRecord> tasks, CancellationToken cancellationToken = default)
    {
        var caseIds = tasks.Select(t => t.CaseId).OfType<string>().Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new InboxCase(c.Id, c.Number, c.Kind, c.Stage, c.Title)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var periodIds = tasks.Select(t => t.PeriodId).OfType<string>().Distinct().ToList();
        var starts = await db.CasePeriods.AsNoTracking().Where(p => periodIds.Contains(p.Id))
            .Select(p => new { p.Id, p.StartOn }).ToDictionaryAsync(p => p.Id, p => p.StartOn, cancellationToken);
        return new InboxFacts(cases, starts);
    }
}
