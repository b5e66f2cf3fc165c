using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Tasks;

/// <summary>Who is asking: their account (e-mail) and roles.</summary>
public sealed record TaskUser(string? Email, IReadOnlyCollection<string> Roles);

/// <summary>Narrows an inbox: the tasks of one case, or those whose title or case number contains the text.</summary>
public sealed record TaskFilter(string? CaseId, string? Search);

/// <summary>The outcome of completing a task.</summary>
public abstract record TaskCompletion
{
    public sealed record Completed(WorkflowInstanceRecord Instance) : TaskCompletion;
    public sealed record NotFound(string Message) : TaskCompletion;
    public sealed record Conflict(string Message) : TaskCompletion;
    public sealed record Forbidden(string Message) : TaskCompletion;
    public sealed record Invalid(string Message, IReadOnlyList<DefinitionProblem> Errors) : TaskCompletion;
    public sealed record Changed(string Title) : TaskCompletion;
}

/// <summary>
/// The inbox rules: who may act on a human task (its assignee; else the active holders of its case relation;
/// else its role — never a person barred by an excluded relation), listing and completion with form checks.
/// </summary>
public sealed class TaskService(ITaskStore store, ICaseStore cases, WorkflowRuntime runtime, IDbContextFactory<CaseworkDbContext> factory, TimeProvider clock,
    IStaffDirectory staff)
{
    public async Task<(IReadOnlyList<HumanTaskRecord> Items, int TotalCount)> ListAsync(TaskUser user, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var (items, total, _) = await ListPageAsync(user, page, pageSize, null, cancellationToken);
        return (items, total);
    }

    /// <summary>
    /// One page of the tasks the user may act on — overdue first, then by deadline — with the number of them and of
    /// the overdue ones. The rule of <see cref="MayAct"/> written as one query, so that the database pages it.
    /// </summary>
    public async Task<(IReadOnlyList<HumanTaskRecord> Items, int TotalCount, int OverdueCount)> ListPageAsync(TaskUser user, int page, int pageSize,
        TaskFilter? filter = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tasks = Actionable(db, user);
        if (filter?.CaseId is { Length: > 0 } caseId)
            tasks = tasks.Where(t => t.CaseId == caseId);
        if (filter?.Search?.Trim() is { Length: > 0 } text)
        {
            var numbered = db.Cases.Where(c => c.Number != null && c.Number.Contains(text)).Select(c => c.Id);
            tasks = tasks.Where(t => t.Title.Contains(text) || numbered.Contains(t.CaseId!));
        }
        var now = clock.GetUtcNow();
        // Both counts in one pass over the tasks.
        var counts = await tasks.GroupBy(t => 1)
            .Select(g => new { Total = g.Count(), Overdue = g.Count(t => t.IsOverdue || t.DueAt <= now) })
            .FirstOrDefaultAsync(cancellationToken);
        var (total, overdue) = (counts?.Total ?? 0, counts?.Overdue ?? 0);
        var ordered = tasks.OrderByDescending(t => t.IsOverdue || t.DueAt <= now).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id);
        var items = await (pageSize == int.MaxValue ? ordered : ordered.Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return (items, total, overdue);
    }

    static IQueryable<HumanTaskRecord> Actionable(CaseworkDbContext db, TaskUser user)
    {
        var roles = user.Roles.ToList();
        var open = db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskRecord.Open);
        if (user.Email?.ToLowerInvariant() is not { Length: > 0 } email)
            return open.Where(t => t.Assignee == null && t.CaseRelation == null && t.Role != null && roles.Contains(t.Role));
        var mine = db.CaseMembers.Where(m => m.UserEmail == email);
        var activeCases = mine.Where(m => m.Active).Select(m => m.CaseId);
        return open
            .Where(t => t.Assignee == email
                || (t.Assignee == null && t.CaseRelation == null && t.Role != null && roles.Contains(t.Role))
                || (t.Assignee == null && t.CaseRelation != null && activeCases.Contains(t.CaseId!)
                    && mine.Any(m => m.CaseId == t.CaseId && m.Active && (m.Relation == t.CaseRelation
                        || (t.CaseRelation == "tribunal" && (m.Relation == CaseRelations.Arbitrator || m.Relation == CaseRelations.PresidingArbitrator))))))
            .Where(t => t.ExcludedRelationsJson == null || !mine.Any(m => m.CaseId == t.CaseId
                && (t.ExcludedRelationsJson.Contains("\"" + m.Relation + "\"")
                    || (t.ExcludedRelationsJson.Contains("\"tribunal\"") && (m.Relation == CaseRelations.Arbitrator || m.Relation == CaseRelations.PresidingArbitrator)))));
    }

    public async Task<bool> MayActAsync(HumanTaskRecord task, TaskUser user, CancellationToken cancellationToken = default)
    {
        var memberships = user.Email is null || task.CaseId is null ? [] : (await cases.GetMembersAsync(task.CaseId, cancellationToken)).Where(m => m.UserEmail == user.Email).ToList();
        return MayAct(task, user, memberships);
    }

    static bool MayAct(HumanTaskRecord task, TaskUser user, IReadOnlyList<CaseMember> memberships)
    {
        var mine = memberships.Where(m => m.CaseId == task.CaseId).ToList();
        if (task.ExcludedRelationsJson is { } excludedJson)
        {
            var excluded = JsonSerializer.Deserialize<List<string>>(excludedJson) ?? [];
            if (mine.Any(m => excluded.Contains(m.Relation) || (excluded.Contains("tribunal") && CaseRelations.IsTribunal(m.Relation))))
                return false;
        }
        if (task.Assignee is { Length: > 0 } assignee)
            return string.Equals(assignee, user.Email, StringComparison.OrdinalIgnoreCase);
        if (task.CaseRelation is { Length: > 0 } relation)
            return mine.Any(m => m.Active && (m.Relation == relation || (relation == "tribunal" && CaseRelations.IsTribunal(m.Relation))));
        return task.Role is { Length: > 0 } role && user.Roles.Contains(role);
    }

    /// <summary>Heads who may hand a task of their own unit to someone else (<see cref="TaskAssignment.UnitHeads"/>), and the administrator.</summary>
    public static bool IsSupervisor(TaskUser user) => user.Roles.Contains("admin") || TaskAssignment.UnitHeads.Keys.Any(user.Roles.Contains);

    /// <summary>Why the user may not hold the task (the rule of <see cref="TaskAssignment.Refusal"/>), or null.</summary>
    async Task<string?> RefusalAsync(HumanTaskRecord task, string email, IReadOnlyCollection<string>? namedRoles, CancellationToken cancellationToken)
    {
        var candidate = await staff.FindAsync(email, cancellationToken);
        var parties = task.CaseId is null ? [] : await cases.GetPartiesAsync(task.CaseId, cancellationToken);
        var members = task.CaseId is null ? [] : await cases.GetMembersAsync(task.CaseId, cancellationToken);
        return TaskAssignment.Refusal(task, candidate, parties, members, namedRoles);
    }

    /// <summary>Takes a role task for oneself (others of the role no longer see it).</summary>
    public async Task<TaskCompletion> ClaimAsync(string taskId, TaskUser user, CancellationToken cancellationToken = default)
    {
        var task = await store.FindTaskAsync(taskId, cancellationToken);
        if (task is null)
            return new TaskCompletion.NotFound($"任务“{taskId}”不存在。");
        if (task.Assignee is not null || task.CaseRelation is not null || task.Role is null || !user.Roles.Contains(task.Role) || user.Email is null)
            return new TaskCompletion.Forbidden("您不能认领该任务。");
        if (!await MayActAsync(task, user, cancellationToken) || await RefusalAsync(task, user.Email, null, cancellationToken) is { } refusal)
            return new TaskCompletion.Forbidden("您不能认领该任务。");
        return await store.SetAssigneeAsync(taskId, null, user.Email, cancellationToken)
            ? new TaskCompletion.Changed(task.Title) : new TaskCompletion.Conflict($"任务“{task.Title}”已被他人认领或处理。");
    }

    /// <summary>Gives a claimed task back to its role.</summary>
    public async Task<TaskCompletion> ReleaseAsync(string taskId, TaskUser user, CancellationToken cancellationToken = default)
    {
        var task = await store.FindTaskAsync(taskId, cancellationToken);
        if (task is null)
            return new TaskCompletion.NotFound($"任务“{taskId}”不存在。");
        if (task.Role is null || !string.Equals(task.Assignee, user.Email, StringComparison.OrdinalIgnoreCase))
            return new TaskCompletion.Forbidden("只有认领人可以退回该任务。");
        return await store.SetAssigneeAsync(taskId, task.Assignee, null, cancellationToken)
            ? new TaskCompletion.Changed(task.Title) : new TaskCompletion.Conflict($"任务“{task.Title}”已变更。");
    }

    /// <summary>
    /// A head hands a task of their own unit to a named person who may hold it (<see cref="TaskAssignment.Refusal"/>):
    /// never across units, never to a party, the auditor, an excluded (recused) person or an unknown address.
    /// </summary>
    public async Task<TaskCompletion> ReassignAsync(string taskId, TaskUser user, string assignee, CancellationToken cancellationToken = default)
    {
        var task = await store.FindTaskAsync(taskId, cancellationToken);
        if (task is null)
            return new TaskCompletion.NotFound($"任务“{taskId}”不存在。");
        if (!IsSupervisor(user))
            return new TaskCompletion.Forbidden("只有仲裁委主任、机构负责人可以改派任务。");
        if (task.Status != HumanTaskRecord.Open)
            return new TaskCompletion.Conflict($"任务“{task.Title}”已{(task.Status == HumanTaskRecord.Completed ? "处理" : "关闭")}。");
        var record = task.CaseId is null ? null : await cases.FindAsync(task.CaseId, cancellationToken);
        if (!TaskAssignment.HeadsUnitOf(user, record))
            return new TaskCompletion.Forbidden("只能改派本机构的任务。");
        var email = assignee?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || !email.Contains('@') || email.Length > 256)
            return new TaskCompletion.Invalid("请填写被改派人员的账号。", [new DefinitionProblem("invalid-field", "$.assignee", task.ActivityId, "应为本机构办案人员的账号。")]);
        var namedRoles = task.Assignee is { } current && task.Role is null && task.CaseRelation is null
            ? (await staff.FindAsync(current, cancellationToken))?.Roles : null;
        if (await RefusalAsync(task, email, namedRoles, cancellationToken) is { } refusal)
            return new TaskCompletion.Invalid($"不能改派给该人员：{refusal}", [new DefinitionProblem("invalid-assignee", "$.assignee", task.ActivityId, refusal)]);
        return await store.SetAssigneeAsync(taskId, task.Assignee, email, cancellationToken)
            ? new TaskCompletion.Changed(task.Title) : new TaskCompletion.Conflict($"任务“{task.Title}”已变更。");
    }

    public async Task<TaskCompletion> CompleteAsync(string taskId, TaskUser user, string? outcome, string? comment, JsonNode? data, CancellationToken cancellationToken = default)
    {
        var task = await store.FindTaskAsync(taskId, cancellationToken);
        if (task is null)
            return new TaskCompletion.NotFound($"任务“{taskId}”不存在。");
        if (task.Status != HumanTaskRecord.Open)
            return new TaskCompletion.Conflict($"任务“{task.Title}”已{(task.Status == HumanTaskRecord.Completed ? "处理" : "关闭")}。");
        if (!await MayActAsync(task, user, cancellationToken))
            return new TaskCompletion.Forbidden("您不能处理该任务。");
        // A task handed to a person (claimed or reassigned) is checked again: the holder may have been locked, lost the role, become recused.
        if (task.Assignee is not null && user.Email is not null && await RefusalAsync(task, user.Email, null, cancellationToken) is { } refusal)
            return new TaskCompletion.Forbidden($"您不能处理该任务：{refusal}");
        var outcomes = JsonSerializer.Deserialize<List<string>>(task.OutcomesJson) ?? [];
        if (string.IsNullOrWhiteSpace(outcome) || !outcomes.Contains(outcome))
            return new TaskCompletion.Invalid($"处理结果“{outcome}”无效；可选：{string.Join("、", outcomes)}。",
                [new DefinitionProblem("invalid-outcome", "$.outcome", task.ActivityId, $"可选的处理结果：{string.Join("、", outcomes)}。")]);
        if (comment?.Length > TaskForm.MaxCommentLength)
            return new TaskCompletion.Invalid($"意见不能超过 {TaskForm.MaxCommentLength} 字。",
                [new DefinitionProblem("too-long", "$.comment", task.ActivityId, $"意见不能超过 {TaskForm.MaxCommentLength} 字。")]);
        var errors = TaskForm.Validate(task.FormJson, data, task.ActivityId, outcome);
        if (errors.Count > 0)
            return new TaskCompletion.Invalid("表单填写有误。", errors);

        var completed = new HumanTaskRecord
        {
            Id = task.Id,
            InstanceId = task.InstanceId,
            DefinitionId = task.DefinitionId,
            ActivityId = task.ActivityId,
            Title = task.Title,
            Status = HumanTaskRecord.Completed,
            CompletedBy = user.Email,
            CompletedAt = clock.GetUtcNow(),
            Outcome = outcome,
            Comment = comment,
            DataJson = data?.ToJsonString(WorkflowJson.Compact),
        };
        var input = new JsonObject
        {
            ["outcome"] = outcome,
            ["comment"] = comment,
            ["data"] = data?.DeepClone(),
            ["userId"] = user.Email,
        };
        try
        {
            var instance = await runtime.ResumeAsync(task.Id, input, completed, cancellationToken);
            return instance is null ? new TaskCompletion.Conflict($"任务“{task.Title}”已处理。") : new TaskCompletion.Completed(instance);
        }
        catch (WorkflowFaultedException)
        {
            return new TaskCompletion.Conflict($"任务“{task.Title}”所在的流程出现故障，待管理员处理后才能办理。");
        }
        catch (WorkflowConflictException)
        {
            return new TaskCompletion.Conflict($"任务“{task.Title}”已被他人处理。");
        }
    }
}
