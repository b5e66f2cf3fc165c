using System.Security.Claims;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Justice.Workflows.Management;
using Justice.Workflows.Persistence.Stores;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Api;

/// <summary>Definitions and their versions (format §8), for administrators.</summary>
public static class WorkflowDefinitionsApi
{
    public static RouteGroupBuilder MapWorkflowDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-definitions").WithTags("流程定义").RequireAuthorization(PortalRoles.Admin);
        group.MapGet("/", ListAsync).WithSummary("流程定义列表（最新版本）");
        group.MapGet("/{definitionId}", GetAsync).WithSummary("导出流程定义 JSON");
        group.MapGet("/{definitionId}/versions", VersionsAsync).WithSummary("流程定义的版本");
        group.MapPost("/import", ImportAsync).WithSummary("导入流程定义（保存为草稿，可同时发布）")
            .Accepts<JsonObject>("application/json");
        group.MapPost("/{definitionId}/publish", PublishAsync).WithSummary("发布最新版本");
        group.MapPost("/{definitionId}/retract", RetractAsync).WithSummary("撤回已发布版本");
        group.MapPost("/{definitionId}/execute", ExecuteAsync).WithSummary("以已发布版本启动实例并运行到等待或结束");
        return group;
    }

    public sealed record DefinitionSummary(string DefinitionId, string? Name, int LatestVersion, int? PublishedVersion, bool IsPublished, bool IsLatest);

    public sealed record VersionSummary(string Id, int Version, bool IsLatest, bool IsPublished, string CreatedAt, int InstanceCount, int ProblemCount);

    public sealed record ImportResponse(string DefinitionId, int Version, bool IsPublished, IReadOnlyList<ApiError> Errors);

    public sealed record VersionRef(string DefinitionId, int Version);

    public sealed record ExecuteRequest(JsonObject? Input, string? CorrelationId);

    static async Task<IResult> ListAsync(WorkflowDefinitionService definitions, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var (items, total) = await definitions.ListAsync(p, size, ct);
        var list = items.Select(i => new DefinitionSummary(i.Latest.DefinitionId, i.Latest.Name, i.Latest.Version, i.PublishedVersion, i.Latest.IsPublished, i.Latest.IsLatest)).ToList();
        return Results.Ok(new PagedResult<DefinitionSummary>(list, total, p, size));
    }

    static async Task<IResult> GetAsync(string definitionId, string? version, WorkflowDefinitionService definitions, CancellationToken ct)
    {
        VersionSelector selector;
        try
        {
            selector = VersionSelector.Parse(version);
        }
        catch (FormatException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
        var record = await definitions.FindAsync(definitionId, selector, ct);
        return record is null
            ? ApiProblems.NotFound($"流程定义“{definitionId}”没有{(selector == VersionSelector.Published ? "已发布的" : "该")}版本。")
            : Results.Text(WorkflowDefinitionService.Export(record).ToJsonString(Workflows.Definitions.DefinitionJson.WriteOptions), "application/json; charset=utf-8");
    }

    static async Task<IResult> VersionsAsync(string definitionId, WorkflowDefinitionService definitions, IWorkflowInstanceStore instances, WorkflowInstanceView view, CancellationToken ct)
    {
        var versions = await definitions.ListVersionsAsync(definitionId, ct);
        if (versions.Count == 0)
            return ApiProblems.NotFound($"流程定义“{definitionId}”不存在。");
        var counts = await instances.CountInstancesByVersionAsync(definitionId, ct);
        return Results.Ok(versions.Select(v => new VersionSummary(v.Id, v.Version, v.IsLatest, v.IsPublished, view.Time(v.CreatedAt), counts.GetValueOrDefault(v.Id), v.ProblemCount)).ToList());
    }

    static async Task<IResult> ImportAsync(HttpRequest request, bool? publish, WorkflowDefinitionService definitions, ClaimsPrincipal actor, AuditLog audit, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        var result = await definitions.ImportAsync(text, publish == true, ct);
        if (result.Unreadable)
            return ApiProblems.BadRequest("请求体不是流程定义。", result.Errors);
        if (publish == true && result.Errors.Count > 0)
            return ApiProblems.BadRequest($"流程定义“{result.DefinitionId}”未通过校验，已保存为草稿（版本 {result.Version}），未发布。", result.Errors);
        var errors = result.Errors.Select(e => new ApiError(e.Code, e.Path, e.ActivityId, e.Message)).ToList();
        await audit.RecordAsync(actor, "definition.import", $"{result.DefinitionId} v{result.Version}",
            $"{(result.IsPublished ? "已发布" : "草稿")}；校验问题 {errors.Count} 个", ct);
        return Results.Created($"/api/workflow-definitions/{result.DefinitionId}?version={result.Version}",
            new ImportResponse(result.DefinitionId!, result.Version, result.IsPublished, errors));
    }

    static async Task<IResult> PublishAsync(string definitionId, WorkflowDefinitionService definitions, ClaimsPrincipal actor, AuditLog audit, CancellationToken ct)
    {
        var (version, errors) = await definitions.PublishAsync(definitionId, ct);
        if (version is null)
            return ApiProblems.NotFound($"流程定义“{definitionId}”不存在。");
        if (errors.Count > 0)
            return ApiProblems.BadRequest($"流程定义“{definitionId}”的最新版本（{version.Version}）未通过校验，不能发布。", errors);
        await audit.RecordAsync(actor, "definition.publish", $"{definitionId} v{version.Version}", null, ct);
        return Results.Ok(new VersionRef(definitionId, version.Version));
    }

    static async Task<IResult> RetractAsync(string definitionId, WorkflowDefinitionService definitions, ClaimsPrincipal actor, AuditLog audit, CancellationToken ct)
    {
        if ((await definitions.ListVersionsAsync(definitionId, ct)).Count == 0)
            return ApiProblems.NotFound($"流程定义“{definitionId}”不存在。");
        var retracted = await definitions.RetractAsync(definitionId, ct);
        if (retracted is not null)
            await audit.RecordAsync(actor, "definition.retract", $"{definitionId} v{retracted.Version}", null, ct);
        return retracted is null
            ? ApiProblems.BadRequest($"流程定义“{definitionId}”没有已发布的版本。")
            : Results.Ok(new VersionRef(definitionId, retracted.Version));
    }

    static async Task<IResult> ExecuteAsync(string definitionId, ExecuteRequest? body, WorkflowRuntime runtime, WorkflowInstanceView view, CancellationToken ct)
    {
        var instance = await runtime.StartAsync(definitionId, body?.Input, body?.CorrelationId, ct);
        return instance is null
            ? ApiProblems.NotFound($"流程定义“{definitionId}”没有已发布的版本。")
            : Results.Ok(await view.BuildAsync(instance, ct));
    }
}
