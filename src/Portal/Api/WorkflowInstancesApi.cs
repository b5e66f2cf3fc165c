using Justice.Portal.Data;
using Justice.Workflows.Persistence.Stores;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Api;

/// <summary>Instances with their journal, for administrators.</summary>
public static class WorkflowInstancesApi
{
    public static RouteGroupBuilder MapWorkflowInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-instances").WithTags("流程实例").RequireAuthorization(PortalRoles.Admin);
        group.MapGet("/", ListAsync).WithSummary("流程实例列表");
        group.MapGet("/{id}", GetAsync).WithSummary("流程实例（含书签、故障和流水）");
        group.MapPost("/{id}/cancel", CancelAsync).WithSummary("取消流程实例");
        return group;
    }

    static async Task<IResult> ListAsync(string? definitionId, string? status, string? subStatus, string? correlationId, int? page, int? pageSize,
        IWorkflowInstanceStore store, WorkflowInstanceView view, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var (items, total) = await store.QueryAsync(new InstanceQuery(definitionId, status, subStatus, correlationId, p, size), ct);
        return Results.Ok(new { items = items.Select(view.Summary).ToList(), totalCount = total, page = p, pageSize = size });
    }

    static async Task<IResult> GetAsync(string id, WorkflowInstanceView view, CancellationToken ct) =>
        await view.GetAsync(id, ct) is { } instance ? Results.Ok(instance) : ApiProblems.NotFound($"流程实例“{id}”不存在。");

    static async Task<IResult> CancelAsync(string id, WorkflowRuntime runtime, WorkflowInstanceView view, CancellationToken ct)
    {
        try
        {
            var instance = await runtime.CancelAsync(id, ct);
            return instance is null ? ApiProblems.NotFound($"流程实例“{id}”不存在。") : Results.Ok(await view.BuildAsync(instance, ct));
        }
        catch (WorkflowConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }
}
