using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Api;
using Justice.Portal.Security;
using Justice.Workflows.Management;
using Justice.Casework.Cases;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Features.Inbox;

/// <summary>The human tasks the caller may act on, and their completion.</summary>
public static class TasksApi
{
    public sealed record TaskItem(string Id, string InstanceId, string DefinitionId, string ActivityId, string Title, string? Role,
        string? Assignee, string? CaseId, IReadOnlyList<string> Outcomes, string? DueAt, string CreatedAt)
    {
        /// <summary>The assignee's name (staff full name), when the task is held by someone.</summary>
        public string? AssigneeName { get; init; }
        public string? Relation { get; init; }
        public bool IsOverdue { get; init; }
        public JsonNode? Form { get; init; }
        public string? Instructions { get; init; }
    }

    public sealed record CompleteRequest(string? Outcome, string? Comment, JsonNode? Data);

    public sealed record ReassignRequest(string? Assignee);

    static IResult Answer(TaskCompletion result) => result switch
    {
        TaskCompletion.Changed changed => Results.Ok(new { title = changed.Title }),
        TaskCompletion.NotFound e => ApiProblems.NotFound(e.Message),
        TaskCompletion.Conflict e => ApiProblems.Conflict(e.Message),
        TaskCompletion.Forbidden e => ApiProblems.Forbidden(e.Message),
        TaskCompletion.Invalid e => ApiProblems.BadRequest(e.Message, e.Errors),
        _ => throw new InvalidOperationException(),
    };

    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("任务").RequireAuthorization();
        group.MapGet("/", ListAsync).WithSummary("我可以处理的待办任务");
        group.MapPost("/{taskId}/complete", CompleteAsync).WithSummary("完成任务（选择处理结果、填写表单）");
        group.MapPost("/{taskId}/claim", async (string taskId, ClaimsPrincipal user, TaskService tasks, CancellationToken ct) => Answer(await tasks.ClaimAsync(taskId, user.ToTaskUser(), ct)))
            .WithSummary("认领角色任务");
        group.MapPost("/{taskId}/release", async (string taskId, ClaimsPrincipal user, TaskService tasks, CancellationToken ct) => Answer(await tasks.ReleaseAsync(taskId, user.ToTaskUser(), ct)))
            .WithSummary("退回认领的任务");
        group.MapPost("/{taskId}/reassign", async (string taskId, ReassignRequest body, ClaimsPrincipal user, TaskReassignment reassignment, CancellationToken ct) =>
            Answer(await reassignment.ReassignAsync(user, taskId, body.Assignee, ct))).WithSummary("改派任务（主任、机构负责人，仅本机构，改派给有相应角色的在岗人员）");
        return group;
    }

    static async Task<IResult> ListAsync(ClaimsPrincipal user, int? page, int? pageSize, TaskService tasks, WorkflowInstanceView view, IStaffDirectory staff, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var (items, total) = await tasks.ListAsync(user.ToTaskUser(), p, size, ct);
        var people = await staff.FindManyAsync(items.Where(t => t.Assignee is not null).Select(t => t.Assignee!), ct);
        return Results.Ok(new PagedResult<TaskItem>(items.Select(t => ToItem(t, view) with
        {
            AssigneeName = t.Assignee is { } assignee ? people.GetValueOrDefault(assignee.ToLowerInvariant())?.DisplayName : null,
        }).ToList(), total, p, size));
    }

    static async Task<IResult> CompleteAsync(string taskId, CompleteRequest? body, ClaimsPrincipal user, TaskService tasks, WorkflowInstanceView view, CancellationToken ct) =>
        await tasks.CompleteAsync(taskId, user.ToTaskUser(), body?.Outcome, body?.Comment, body?.Data, ct) switch
        {
            TaskCompletion.Completed done => Results.Ok(await view.BuildAsync(done.Instance, ct)),
            TaskCompletion.NotFound e => ApiProblems.NotFound(e.Message),
            TaskCompletion.Conflict e => ApiProblems.Conflict(e.Message),
            TaskCompletion.Forbidden e => ApiProblems.Forbidden(e.Message),
            TaskCompletion.Invalid e => ApiProblems.BadRequest(e.Message, e.Errors),
            _ => throw new InvalidOperationException(),
        };

    static TaskItem ToItem(HumanTaskRecord t, WorkflowInstanceView view) =>
        new(t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.Role, t.Assignee, t.CaseId,
            JsonSerializer.Deserialize<List<string>>(t.OutcomesJson) ?? [], t.DueAt is { } due ? view.Time(due) : null, view.Time(t.CreatedAt))
        {
            Relation = t.CaseRelation,
            IsOverdue = t.IsOverdue,
            Form = t.FormJson is null ? null : JsonNode.Parse(t.FormJson),
            Instructions = t.Instructions,
        };
}
