using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Persistence.Entities;
using Justice.Workflows.Persistence.Stores;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Api;

/// <summary>The human tasks the caller may act on, and their completion.</summary>
public static class TasksApi
{
    public sealed record TaskItem(string Id, string InstanceId, string DefinitionId, string ActivityId, string Title, string? Role,
        string? Assignee, string? CaseId, IReadOnlyList<string> Outcomes, string? DueAt, string CreatedAt);

    public sealed record CompleteRequest(string? Outcome, string? Comment, JsonNode? Data);

    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("任务").RequireAuthorization();
        group.MapGet("/", ListAsync).WithSummary("我可以处理的待办任务");
        group.MapPost("/{taskId}/complete", CompleteAsync).WithSummary("完成任务（选择处理结果）");
        return group;
    }

    static async Task<IResult> ListAsync(ClaimsPrincipal user, int? page, int? pageSize, IWorkflowInstanceStore store, WorkflowInstanceView view, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var (items, total) = await store.ListOpenTasksAsync(roles, UserKey(user), all: false, p, size, ct);
        return Results.Ok(new PagedResult<TaskItem>(items.Select(t => ToItem(t, view)).ToList(), total, p, size));
    }

    static async Task<IResult> CompleteAsync(string taskId, CompleteRequest? body, ClaimsPrincipal user, IWorkflowInstanceStore store,
        WorkflowRuntime runtime, WorkflowInstanceView view, TimeProvider clock, CancellationToken ct)
    {
        var task = await store.FindTaskAsync(taskId, ct);
        if (task is null)
            return ApiProblems.NotFound($"任务“{taskId}”不存在。");
        if (task.Status != HumanTaskRecord.Open)
            return ApiProblems.Conflict($"任务“{task.Title}”已{(task.Status == HumanTaskRecord.Completed ? "处理" : "取消")}。");
        if (!MayAct(user, task))
            return ApiProblems.Forbidden($"您不能处理任务“{task.Title}”。");
        var outcomes = Outcomes(task);
        if (string.IsNullOrWhiteSpace(body?.Outcome) || !outcomes.Contains(body.Outcome))
            return ApiProblems.BadRequest($"处理结果“{body?.Outcome}”无效；可选：{string.Join("、", outcomes)}。",
                [new Workflows.Definitions.DefinitionProblem("invalid-outcome", "$.outcome", task.ActivityId, $"可选的处理结果：{string.Join("、", outcomes)}。")]);

        var by = UserKey(user);
        var completed = new HumanTaskRecord
        {
            Id = task.Id,
            InstanceId = task.InstanceId,
            DefinitionId = task.DefinitionId,
            ActivityId = task.ActivityId,
            Title = task.Title,
            Status = HumanTaskRecord.Completed,
            CompletedBy = by,
            CompletedAt = clock.GetUtcNow(),
            Outcome = body.Outcome,
            Comment = body.Comment,
            DataJson = body.Data?.ToJsonString(),
        };
        var input = new JsonObject
        {
            ["outcome"] = body.Outcome,
            ["comment"] = body.Comment,
            ["data"] = body.Data?.DeepClone(),
            ["userId"] = by,
        };
        try
        {
            var instance = await runtime.ResumeAsync(task.Id, input, completed, ct);
            return instance is null
                ? ApiProblems.Conflict($"任务“{task.Title}”已处理。")
                : Results.Ok(await view.BuildAsync(instance, ct));
        }
        catch (WorkflowConflictException)
        {
            return ApiProblems.Conflict($"任务“{task.Title}”已被他人处理。");
        }
    }

    /// <summary>The assignee when named; otherwise anyone holding the task's role.</summary>
    public static bool MayAct(ClaimsPrincipal user, HumanTaskRecord task) =>
        task.Assignee is { Length: > 0 } assignee
            ? string.Equals(assignee, UserKey(user), StringComparison.OrdinalIgnoreCase) || assignee == user.FindFirstValue(ClaimTypes.NameIdentifier)
            : task.Role is { Length: > 0 } role && user.IsInRole(role);

    static string? UserKey(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name;

    static List<string> Outcomes(HumanTaskRecord task) => JsonSerializer.Deserialize<List<string>>(task.OutcomesJson) ?? [];

    static TaskItem ToItem(HumanTaskRecord t, WorkflowInstanceView view) =>
        new(t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.Role, t.Assignee, t.CaseId, Outcomes(t),
            t.DueAt is { } due ? view.Time(due) : null, view.Time(t.CreatedAt));
}
