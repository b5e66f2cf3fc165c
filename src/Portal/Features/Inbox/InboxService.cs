using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using Justice.Casework.Work;
using Justice.Portal.Data;
using Justice.Portal.Features.Audit;
using Justice.Portal.Security;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Microsoft.AspNetCore.Identity;

namespace Justice.Portal.Features.Inbox;

/// <summary>Someone a task may be handed to, as the reassign dialog lists them.</summary>
public sealed record Candidate(string Email, string Name);

/// <summary>
/// The inbox's one way into the casework: the tasks the user may act on, overdue first, then by deadline, a page at a
/// time; claiming, releasing and completing them; reassignment by a head of unit (inbox and API alike), recorded in the
/// audit log when it happens, and the people a task may be handed to. The inbox page, its dialogs and the tasks API go
/// through here.
/// </summary>
public sealed class InboxService(TaskService tasks, InboxQueries queries, StatutoryCalendar calendar, TimeProvider clock, StaffNames staffNames,
    AuditLog audit, ICaseStore cases, IStaffDirectory staff, UserManager<ApplicationUser> users, WorkflowInstanceView instances)
{
    public sealed record Page(IReadOnlyList<InboxItem> Items, int TotalCount, int OverdueCount);

    public async Task<Page> ListAsync(TaskUser user, int page = 1, int pageSize = 50, TaskFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var (items, total, overdue) = await tasks.ListPageAsync(user, page, pageSize, filter, cancellationToken);
        var (found, starts) = await queries.FactsAsync(items, cancellationToken);
        var names = await staffNames.NamesAsync(items.Select(t => t.Assignee), cancellationToken);
        var today = calendar.Today(clock.GetUtcNow());
        return new Page(items.Select(t =>
        {
            var c = t.CaseId is not null && found.TryGetValue(t.CaseId, out var known) ? known : null;
            DateOnly? due = t.DueAt is { } at ? calendar.Today(at.AddTicks(-1)) : null;
            var unit = t.PeriodUnit is { } u && PeriodUnits.Parse(u) == PeriodUnit.WorkingDays ? PeriodUnit.WorkingDays : PeriodUnit.Days;
            var remaining = due is { } d ? calendar.Remaining(today, d, unit) : 0;
            // Counted from the period's start, or, for a deadline without a period, from the day the task was made.
            var from = t.PeriodId is not null && starts.TryGetValue(t.PeriodId, out var start) ? start : calendar.Today(t.CreatedAt);
            return new InboxItem(t, c?.Number, c?.Kind, c?.Stage, c?.Title, due, remaining,
                JsonSerializer.Deserialize<List<string>>(t.OutcomesJson) ?? [], FormField.Parse(t.FormJson),
                due is { } last && calendar.IsProvisional(from, last))
            {
                AssigneeName = t.Assignee is { } a && names.TryGetValue(a, out var name) ? name : null,
            };
        }).ToList(), total, overdue);
    }

    /// <summary>
    /// The tasks the user may act on as the API lists them, a page at a time, with the directory's accounts of their
    /// holders (by lower-case address).
    /// </summary>
    public async Task<(IReadOnlyList<HumanTaskRecord> Items, int TotalCount, IReadOnlyDictionary<string, StaffMember> Holders)> TasksAsync(TaskUser user, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        var (items, total) = await tasks.ListAsync(user, page, pageSize, cancellationToken);
        var holders = await staff.FindManyAsync(items.Where(t => t.Assignee is not null).Select(t => t.Assignee!), cancellationToken);
        return (items, total, holders);
    }

    /// <summary>Takes a role task for oneself.</summary>
    public Task<TaskCompletion> ClaimAsync(string taskId, TaskUser user, CancellationToken cancellationToken = default) =>
        tasks.ClaimAsync(taskId, user, cancellationToken);

    /// <summary>Gives a claimed task back to its role.</summary>
    public Task<TaskCompletion> ReleaseAsync(string taskId, TaskUser user, CancellationToken cancellationToken = default) =>
        tasks.ReleaseAsync(taskId, user, cancellationToken);

    /// <summary>Completes the task with an outcome, a comment and the form's data.</summary>
    public Task<TaskCompletion> CompleteAsync(string taskId, TaskUser user, string? outcome, string? comment, JsonNode? data, CancellationToken cancellationToken = default) =>
        tasks.CompleteAsync(taskId, user, outcome, comment, data, cancellationToken);

    /// <summary>The instance JSON (docs/workflow-format.md §7) of the instance a completed task moved on.</summary>
    public Task<JsonObject> InstanceAsync(WorkflowInstanceRecord instance, CancellationToken cancellationToken = default) =>
        instances.BuildAsync(instance, cancellationToken);

    /// <summary>Whether the user may reassign tasks: an administrator, or the head of a unit.</summary>
    /// <summary>The documents issued so far in the task's case (to read, print or download while handling the task).</summary>
    public Task<IReadOnlyList<Justice.Casework.Records.CaseDocument>> DocumentsAsync(string caseId, CancellationToken cancellationToken = default) =>
        cases.GetDocumentsAsync(caseId, cancellationToken);

    public static bool MayReassign(TaskUser user) => TaskService.IsSupervisor(user);

    public async Task<TaskCompletion> ReassignAsync(ClaimsPrincipal user, string taskId, string? assignee, CancellationToken cancellationToken = default)
    {
        var result = await tasks.ReassignAsync(taskId, user.ToTaskUser(), assignee ?? "", cancellationToken);
        if (result is TaskCompletion.Changed changed)
            await audit.RecordAsync(user, "task.reassign", taskId, $"{changed.Title} → {assignee?.Trim().ToLowerInvariant()}", cancellationToken);
        return result;
    }

    /// <summary>
    /// The active staff who may hold the task, other than its present holder: from the accounts and the case's
    /// relations, filtered by the same rule the task service applies.
    /// </summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(HumanTaskRecord task, CancellationToken cancellationToken = default)
    {
        var parties = task.CaseId is null ? [] : await cases.GetPartiesAsync(task.CaseId, cancellationToken);
        var members = task.CaseId is null ? [] : await cases.GetMembersAsync(task.CaseId, cancellationToken);
        IEnumerable<string> emails;
        IReadOnlyCollection<string>? namedRoles = null;
        if (task.CaseRelation is { Length: > 0 } relation)
            emails = members.Where(m => m.Active && (m.Relation == relation || (relation == "tribunal" && CaseRelations.IsTribunal(m.Relation)))).Select(m => m.UserEmail);
        else
        {
            namedRoles = task.Role is { Length: > 0 } role ? [role] : task.Assignee is { } current ? (await staff.FindAsync(current, cancellationToken))?.Roles ?? [] : [];
            var found = new List<string>();
            foreach (var held in namedRoles.Where(r => r is not (PortalRoles.Applicant or PortalRoles.Auditor)))
                found.AddRange((await users.GetUsersInRoleAsync(held)).Select(u => u.Email!).Where(e => e is not null));
            emails = found;
            if (task.Role is not null)
                namedRoles = null;
        }
        var result = new List<Candidate>();
        var considered = emails.Select(e => e.ToLowerInvariant()).Distinct().Where(e => !string.Equals(e, task.Assignee, StringComparison.OrdinalIgnoreCase)).Take(200).ToList();
        var people = await staff.FindManyAsync(considered, cancellationToken);
        foreach (var email in considered)
        {
            var member = people.GetValueOrDefault(email);
            if (TaskAssignment.Refusal(task, member, parties, members, namedRoles) is null)
                result.Add(new Candidate(email, members.FirstOrDefault(m => m.UserEmail == email && m.DisplayName is not null)?.DisplayName ?? member!.DisplayName));
        }
        return result.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }
}
