using System.Security.Claims;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using Justice.Portal.Api;
using Justice.Portal.Data;
using Justice.Portal.Features.Audit;
using Justice.Portal.Security;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime.State;
using Microsoft.AspNetCore.Identity;

namespace Justice.Portal.Features.Inbox;

/// <summary>Someone a task may be handed to, as the reassign dialog lists them.</summary>
public sealed record Candidate(string Email, string Name);

/// <summary>
/// Reassignment by a head of unit (inbox and API alike), recorded in the audit log when it happens; the people a
/// task may be handed to, from the accounts and the case's relations, filtered by the same rule the service applies.
/// </summary>
public sealed class TaskReassignment(TaskService tasks, AuditLog audit, ICaseStore cases, IStaffDirectory staff, UserManager<ApplicationUser> users)
{
    public async Task<TaskCompletion> ReassignAsync(ClaimsPrincipal user, string taskId, string? assignee, CancellationToken cancellationToken = default)
    {
        var result = await tasks.ReassignAsync(taskId, user.ToTaskUser(), assignee ?? "", cancellationToken);
        if (result is TaskCompletion.Changed changed)
            await audit.RecordAsync(user, "task.reassign", taskId, $"{changed.Title} → {assignee?.Trim().ToLowerInvariant()}", cancellationToken);
        return result;
    }

    /// <summary>The active staff who may hold the task, other than its present holder.</summary>
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
