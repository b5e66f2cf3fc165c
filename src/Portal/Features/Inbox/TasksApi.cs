using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Api;
using Justice.Portal.Security;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.State;

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
        group.MapPost("/{taskId}/claim", async (string taskId, ClaimsPrincipal user, InboxService inbox, CancellationToken ct) => Answer(await inbox.ClaimAsync(taskId, user.ToTaskUser(), ct)))
            .WithSummary("认领角色任务");
        group.MapPost("/{taskId}/release", async (string taskId, ClaimsPrincipal user, InboxService inbox, CancellationToken ct) => Answer(await inbox.ReleaseAsync(taskId, user.ToTaskUser(), ct)))
            .WithSummary("退回认领的任务");
        group.MapPost("/{taskId}/reassign", async (string taskId, ReassignRequest body, ClaimsPrincipal user, InboxService inbox, CancellationToken ct) =>
            Answer(await inbox.ReassignAsync(user, taskId, body.Assignee, ct))).WithSummary("改派任务（主任、机构负责人，仅本机构，改派给有相应角色的在岗人员）");
        return group;
    }

    static async Task<IResult> ListAsync(ClaimsPrincipal user, int? page, int? pageSize, InboxService inbox, ApiTime time, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var (items, total, people) = await inbox.TasksAsync(user.ToTaskUser(), p, size, ct);
        return Results.Ok(new PagedResult<TaskItem>(items.Select(t => ToItem(t, time) with
        {
            AssigneeName = t.Assignee is { } assignee ? people.GetValueOrDefault(assignee.ToLowerInvariant())?.DisplayName : null,
        }).ToList(), total, p, size));
    }

    static async Task<IResult> CompleteAsync(string taskId, CompleteRequest? body, ClaimsPrincipal user, InboxService inbox, CancellationToken ct) =>
        await inbox.CompleteAsync(taskId, user.ToTaskUser(), body?.Outcome, body?.Comment, body?.Data, ct) switch
        {
            TaskCompletion.Completed done => Results.Ok(await inbox.InstanceAsync(done.Instance, ct)),
            TaskCompletion.NotFound e => ApiProblems.NotFound(e.Message),
            TaskCompletion.Conflict e => ApiProblems.Conflict(e.Message),
            TaskCompletion.Forbidden e => ApiProblems.Forbidden(e.Message),
            TaskCompletion.Invalid e => ApiProblems.BadRequest(e.Message, e.Errors),
            _ => throw new InvalidOperationException(),
        };

    static TaskItem ToItem(HumanTaskRecord t, ApiTime time) =>
        new(t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.Role, t.Assignee, t.CaseId,
            JsonSerializer.Deserialize<List<string>>(t.OutcomesJson) ?? [], t.DueAt is { } due ? time.Format(due) : null, time.Format(t.CreatedAt))
        {
            Relation = t.CaseRelation,
            IsOverdue = t.IsOverdue,
            Form = t.FormJson is null ? null : JsonNode.Parse(t.FormJson),
            Instructions = t.Instructions,
        };
}
