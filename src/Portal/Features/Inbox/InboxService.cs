using System.Text.Json;
using Justice.Casework.Calendar;
using Justice.Casework.Tasks;
using Justice.Casework.Work;

namespace Justice.Portal.Features.Inbox;

/// <summary>The inbox: the tasks the user may act on, overdue first, then by deadline, a page at a time.</summary>
public sealed class InboxService(TaskService tasks, InboxQueries queries, StatutoryCalendar calendar, TimeProvider clock, Data.StaffNames staff)
{
    public sealed record Page(IReadOnlyList<InboxItem> Items, int TotalCount, int OverdueCount);

    public async Task<Page> ListAsync(TaskUser user, int page = 1, int pageSize = 50, TaskFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var (items, total, overdue) = await tasks.ListPageAsync(user, page, pageSize, filter, cancellationToken);
        var (cases, starts) = await queries.FactsAsync(items, cancellationToken);
        var names = await staff.NamesAsync(items.Select(t => t.Assignee), cancellationToken);
        var today = calendar.Today(clock.GetUtcNow());
        return new Page(items.Select(t =>
        {
            var found = t.CaseId is not null && cases.TryGetValue(t.CaseId, out var c) ? c : null;
            DateOnly? due = t.DueAt is { } at ? calendar.Today(at.AddTicks(-1)) : null;
            var unit = t.PeriodUnit is { } u && PeriodUnits.Parse(u) == PeriodUnit.WorkingDays ? PeriodUnit.WorkingDays : PeriodUnit.Days;
            var remaining = due is { } d ? calendar.Remaining(today, d, unit) : 0;
            // Counted from the period's start, or, for a deadline without a period, from the day the task was made.
            var from = t.PeriodId is not null && starts.TryGetValue(t.PeriodId, out var start) ? start : calendar.Today(t.CreatedAt);
            return new InboxItem(t, found?.Number, found?.Kind, found?.Stage, found?.Title, due, remaining,
                JsonSerializer.Deserialize<List<string>>(t.OutcomesJson) ?? [], FormField.Parse(t.FormJson),
                due is { } last && calendar.IsProvisional(from, last))
            {
                AssigneeName = t.Assignee is { } a && names.TryGetValue(a, out var name) ? name : null,
            };
        }).ToList(), total, overdue);
    }
}
