using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Calendar;
using Justice.Casework.Tasks;
using Justice.Casework.Work;
using Justice.Workflows.Runtime.State;

namespace Justice.Portal.Features.Inbox;

/// <summary>
/// A task as the inbox shows it: with its case's number, kind and stage, and the deadline in the law's unit
/// (<c>Provisional</c> when counted through a year without official holiday data).
/// </summary>
public sealed record InboxItem(HumanTaskRecord Task, string? CaseNumber, string? CaseKind, string? CaseStage, string? CaseTitle,
    DateOnly? DueOn, int Remaining, IReadOnlyList<string> Outcomes, IReadOnlyList<FormField> Form, bool Provisional = false)
{
    public bool IsOverdue => Task.IsOverdue || (DueOn is not null && Remaining < 0);

    /// <summary>The assignee's full name (null when the task is nobody's or the account has no name).</summary>
    public string? AssigneeName { get; init; }
}

/// <summary>One field of a task's form: <c>{name, label, type, required, options}</c>.</summary>
public sealed record FormField(string Name, string Label, string Type, bool Required, IReadOnlyList<(string Value, string Label)> Options)
{
    /// <summary>The longest value the task accepts (the field's own <c>maxLength</c>, else the type's).</summary>
    public int MaxLength { get; init; } = TaskForm.MaxLength(Type);

    public static IReadOnlyList<FormField> Parse(string? formJson)
    {
        if (string.IsNullOrEmpty(formJson) || JsonNode.Parse(formJson) is not JsonArray fields)
            return [];
        return fields.OfType<JsonObject>().Select(f =>
        {
            var name = f["name"]?.GetValue<string>() ?? "";
            var options = (f["options"] as JsonArray)?.Select(o => o is JsonObject obj
                ? (obj["value"]?.ToString() ?? "", obj["label"]?.ToString() ?? obj["value"]?.ToString() ?? "")
                : (o?.ToString() ?? "", o?.ToString() ?? "")).ToList() ?? [];
            var type = f["type"]?.GetValue<string>() ?? "text";
            return new FormField(name, f["label"]?.GetValue<string>() ?? name, type,
                f["required"] is JsonValue r && r.TryGetValue<bool>(out var required) && required, options)
            {
                MaxLength = f["maxLength"] is JsonValue m && m.TryGetValue<int>(out var max) && max > 0 ? max : TaskForm.MaxLength(type),
            };
        }).ToList();
    }
}

/// <summary>The inbox: the tasks the user may act on, overdue first, then by deadline, a page at a time.</summary>
public sealed class Inbox(TaskService tasks, InboxQueries queries, StatutoryCalendar calendar, TimeProvider clock, Data.StaffNames staff)
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
