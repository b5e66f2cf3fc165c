using System.Security.Claims;
using Justice.Portal.Api;
using Justice.Portal.Data;
using Justice.Workflows.Tasks;

namespace Justice.Portal.Work;

/// <summary>Reassignment by a head of unit (inbox and API alike), recorded in the audit log when it happens.</summary>
public sealed class TaskReassignment(TaskService tasks, AuditLog audit)
{
    public async Task<TaskCompletion> ReassignAsync(ClaimsPrincipal user, string taskId, string? assignee, CancellationToken cancellationToken = default)
    {
        var result = await tasks.ReassignAsync(taskId, user.ToTaskUser(), assignee ?? "", cancellationToken);
        if (result is TaskCompletion.Changed changed)
            await audit.RecordAsync(user, "task.reassign", taskId, $"{changed.Title} → {assignee?.Trim().ToLowerInvariant()}", cancellationToken);
        return result;
    }
}
