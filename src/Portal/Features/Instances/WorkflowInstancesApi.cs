using Justice.Portal.Api;
using Justice.Portal.Data;
using Justice.Portal.Security;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Portal.Features.Instances;

/// <summary>Instances with their journal, for administrators and the staff of their case; the parties read a redacted view.</summary>
public static class WorkflowInstancesApi
{
    public static RouteGroupBuilder MapWorkflowInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-instances").WithTags("流程实例");
        group.MapGet("/", ListAsync).WithSummary("流程实例列表（管理员；审计人员只读）").RequireAuthorization(Audit.AuditApi.AuditReaders);
        group.MapGet("/{id}", GetAsync).WithSummary("流程实例（含书签、故障和流水）：管理员，以及可以查看其案件的人；当事人只看到阶段、日期和文书").RequireAuthorization();
        group.MapPost("/{id}/cancel", CancelAsync).WithSummary("取消流程实例").RequireAuthorization(PortalRoles.Admin);
        group.MapPost("/{id}/migrate", MigrateAsync).WithSummary("把流程实例迁移到其流程定义的另一个版本（等待中的活动和有值的变量须在目标版本中存在）").RequireAuthorization(PortalRoles.Admin);
        group.MapPost("/{id}/activities/{activityId}/retry", RetryAsync).WithSummary("重试出现故障的活动，实例从该活动继续运行").RequireAuthorization(PortalRoles.Admin);
        return group;
    }

    static async Task<IResult> ListAsync(string? definitionId, string? status, string? subStatus, string? correlationId, int? page, int? pageSize,
        InstanceService instances, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var (items, total) = await instances.ListAsync(new InstanceQuery(definitionId, status, subStatus, correlationId, p, size), ct);
        return Results.Ok(new { items, totalCount = total, page = p, pageSize = size });
    }

    static async Task<IResult> GetAsync(string id, System.Security.Claims.ClaimsPrincipal user, InstanceService instances, CancellationToken ct)
    {
        var record = await instances.FindAsync(id, ct);
        if (record is null)
            return ApiProblems.NotFound($"流程实例“{id}”不存在。");
        var viewer = user.ToCaseViewer();
        if (!await instances.CanSeeAsync(viewer, record, ct))
            return ApiProblems.Forbidden("您不能查看这个流程实例。");
        if (Justice.Casework.Cases.CaseAccess.IsStaff(viewer))
            return Results.Ok(await instances.ViewAsync(record, ct));
        // A party sees what its case file shows: stages, dates and documents.
        var file = await instances.CaseFileAsync(viewer, record.CorrelationId!, ct);
        return file is null ? ApiProblems.NotFound($"流程实例“{id}”不存在。") : Results.Ok(instances.PartyView(record, file));
    }

    static async Task<IResult> CancelAsync(string id, InstanceService instances, System.Security.Claims.ClaimsPrincipal actor, CancellationToken ct)
    {
        try
        {
            var instance = await instances.CancelAsync(actor, id, ct);
            return instance is null ? ApiProblems.NotFound($"流程实例“{id}”不存在。") : Results.Ok(await instances.ViewAsync(instance, ct));
        }
        catch (WorkflowConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }

    /// <summary>The body of a migration: the version of the instance's definition to move it to.</summary>
    public sealed record MigrateRequest(int? TargetVersion);

    static async Task<IResult> MigrateAsync(string id, MigrateRequest? body, InstanceService instances, System.Security.Claims.ClaimsPrincipal actor, CancellationToken ct)
    {
        if (body?.TargetVersion is not { } targetVersion)
            return ApiProblems.BadRequest("请指定目标版本（targetVersion）。",
                [new Workflows.Definitions.DefinitionProblem("invalid-input", "$.targetVersion", null, "请指定目标版本（targetVersion）。")]);
        try
        {
            var result = await instances.MigrateAsync(actor, id, targetVersion, ct);
            if (result is null)
                return ApiProblems.NotFound($"流程实例“{id}”不存在。");
            if (result.Migrated)
                return Results.Ok(await instances.ViewAsync(result.Instance!, ct));
            return MigrationRefused(result.Refusals, $"流程实例“{id}”不能从版本 {result.FromVersion} 迁移到版本 {targetVersion}");
        }
        catch (WorkflowConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }

    /// <summary>
    /// A refused migration: 400 when the requested version cannot take instances (it does not exist, does not validate,
    /// or is the instance's own), 409 when what the instance holds is not in the target; every reason in <c>errors</c>.
    /// </summary>
    internal static IResult MigrationRefused(IReadOnlyList<Workflows.Definitions.DefinitionProblem> refusals, string what)
    {
        var detail = $"{what}：{string.Join("", refusals.Select(r => r.Message))}";
        return refusals.All(r => Workflows.Runtime.InstanceMigration.IsVersionProblem(r.Code))
            ? ApiProblems.BadRequest(detail, refusals)
            : ApiProblems.Problem(StatusCodes.Status409Conflict, "冲突", detail, refusals);
    }

    static async Task<IResult> RetryAsync(string id, string activityId, InstanceService instances, System.Security.Claims.ClaimsPrincipal actor, CancellationToken ct)
    {
        try
        {
            var instance = await instances.RetryAsync(actor, id, activityId, ct);
            return instance is null ? ApiProblems.NotFound($"流程实例“{id}”不存在。") : Results.Ok(await instances.ViewAsync(instance, ct));
        }
        catch (KeyNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (WorkflowConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }
}
