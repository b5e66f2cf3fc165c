using System.Security.Claims;
using System.Text.Json.Nodes;
using Justice.Portal.Api;
using Justice.Portal.Data;
using Justice.Workflows.Management;

namespace Justice.Portal.Features.Definitions;

/// <summary>Definitions and their versions (docs/workflow-format.md §8), for administrators.</summary>
public static class WorkflowDefinitionsApi
{
    public static RouteGroupBuilder MapWorkflowDefinitionsApi(this IEndpointRouteBuilder app)
    {
        // Administrators change definitions; the auditor reads them (every change stays the administrator's).
        var group = app.MapGroup("/api/workflow-definitions").WithTags("流程定义").RequireAuthorization(Audit.AuditApi.AuditReaders);
        // An id in the address is checked before anything reads it: never a path, never unbounded.
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.RouteValues.TryGetValue("definitionId", out var id) && !Workflows.Definitions.DefinitionIds.IsValid(id as string)
                ? ApiProblems.BadRequest(Workflows.Definitions.DefinitionIds.Rule)
                : await next(context));
        group.MapGet("/", ListAsync).WithSummary("流程定义列表（最新版本）");
        group.MapGet("/{definitionId}", GetAsync).WithSummary("导出流程定义 JSON");
        group.MapGet("/{definitionId}/versions", VersionsAsync).WithSummary("流程定义的版本");
        group.MapPost("/import", ImportAsync).WithSummary("导入流程定义（保存为草稿，可同时发布）").RequireAuthorization(PortalRoles.Admin)
            .Accepts<JsonObject>("application/json");
        group.MapPost("/{definitionId}/publish", PublishAsync).WithSummary("发布最新版本").RequireAuthorization(PortalRoles.Admin);
        group.MapPost("/{definitionId}/retract", RetractAsync).WithSummary("撤回已发布版本").RequireAuthorization(PortalRoles.Admin);
        group.MapPost("/{definitionId}/versions/{version:int}/revert", RevertAsync).WithSummary("恢复旧版本：把该版本复制为草稿").RequireAuthorization(PortalRoles.Admin);
        group.MapPost("/{definitionId}/duplicate", DuplicateAsync).WithSummary("复制为新的流程定义（草稿，版本 1）").RequireAuthorization(PortalRoles.Admin);
        group.MapDelete("/{definitionId}/draft", DeleteDraftAsync).WithSummary("删除草稿（未发布、未运行过的最新版本）").RequireAuthorization(PortalRoles.Admin);
        group.MapPost("/{definitionId}/migrate", MigrateAsync).WithSummary("把某版本上未结束的流程实例迁移到另一个版本，逐个返回结果").RequireAuthorization(PortalRoles.Admin);
        group.MapPost("/{definitionId}/execute", ExecuteAsync).WithSummary("以已发布版本启动实例并运行到等待或结束").RequireAuthorization(PortalRoles.Admin);
        return group;
    }

    public sealed record DefinitionSummary(string DefinitionId, string? Name, int LatestVersion, int? PublishedVersion, bool IsPublished, bool IsLatest);

    public sealed record VersionSummary(string Id, int Version, bool IsLatest, bool IsPublished, string CreatedAt, int InstanceCount, int ProblemCount);

    public sealed record ImportResponse(string DefinitionId, int Version, bool IsPublished, IReadOnlyList<ApiError> Errors);

    public sealed record VersionRef(string DefinitionId, int Version);

    public sealed record ExecuteRequest(JsonObject? Input, string? CorrelationId);

    public sealed record DuplicateRequest(string? DefinitionId, string? Name);

    /// <summary>The body of a bulk migration: the instances on <c>fromVersion</c> go to <c>targetVersion</c>.</summary>
    public sealed record MigrateRequest(int? FromVersion, int? TargetVersion);

    /// <summary>One instance's outcome of a bulk migration (Elsa's alteration results: workflowInstanceId, isSuccessful).</summary>
    public sealed record MigrationOutcome(string WorkflowInstanceId, bool IsSuccessful, int FromVersion, int ToVersion, IReadOnlyList<ApiError> Errors);

    public sealed record MigrateResponse(string DefinitionId, int FromVersion, int TargetVersion, int Migrated, int Refused, IReadOnlyList<MigrationOutcome> Results);

    static ImportResponse Imported(ImportResult result) =>
        new(result.DefinitionId!, result.Version, result.IsPublished, result.Errors.Select(e => new ApiError(e.Code, e.Path, e.ActivityId, e.Message)).ToList());

    static async Task<IResult> RevertAsync(string definitionId, int version, DefinitionAdministration definitions, ClaimsPrincipal actor, CancellationToken ct)
    {
        var result = await definitions.RevertAsync(actor, definitionId, version, ct);
        if (result is null)
            return ApiProblems.NotFound($"流程定义“{definitionId}”没有版本 {version}。");
        return Results.Created($"/api/workflow-definitions/{definitionId}?version={result.Version}", Imported(result));
    }

    static async Task<IResult> DuplicateAsync(string definitionId, DuplicateRequest? body, DefinitionAdministration definitions, ClaimsPrincipal actor, CancellationToken ct)
    {
        ImportResult? result;
        try
        {
            result = await definitions.DuplicateAsync(actor, definitionId, body?.DefinitionId, body?.Name, ct);
        }
        catch (InvalidOperationException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        catch (ArgumentException)
        {
            return ApiProblems.BadRequest(Workflows.Definitions.DefinitionIds.Rule, [new("invalid-definition-id", "$.definitionId", null, Workflows.Definitions.DefinitionIds.Rule)]);
        }
        if (result is null)
            return ApiProblems.NotFound($"流程定义“{definitionId}”不存在。");
        return Results.Created($"/api/workflow-definitions/{result.DefinitionId}", Imported(result));
    }

    static async Task<IResult> DeleteDraftAsync(string definitionId, DefinitionAdministration definitions, ClaimsPrincipal actor, CancellationToken ct)
    {
        var (deleted, refusal) = await definitions.DeleteDraftAsync(actor, definitionId, cancellationToken: ct);
        if (refusal is not null)
            return ApiProblems.Conflict(refusal);
        if (deleted is null)
            return ApiProblems.NotFound($"流程定义“{definitionId}”不存在。");
        return Results.Ok(new VersionRef(definitionId, deleted.Version));
    }

    static async Task<IResult> ListAsync(DefinitionAdministration definitions, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var (items, total) = await definitions.ListAsync(p, size, ct);
        var list = items.Select(i => new DefinitionSummary(i.Latest.DefinitionId, i.Latest.Name, i.Latest.Version, i.PublishedVersion, i.Latest.IsPublished, i.Latest.IsLatest)).ToList();
        return Results.Ok(new PagedResult<DefinitionSummary>(list, total, p, size));
    }

    static async Task<IResult> GetAsync(string definitionId, string? version, DefinitionAdministration definitions, CancellationToken ct)
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
            : Results.Text(DefinitionAdministration.Export(record).ToJsonString(Workflows.Definitions.DefinitionJson.WriteOptions), "application/json; charset=utf-8");
    }

    static async Task<IResult> VersionsAsync(string definitionId, DefinitionAdministration definitions, ApiTime time, CancellationToken ct)
    {
        var versions = await definitions.ListVersionsAsync(definitionId, ct);
        if (versions.Count == 0)
            return ApiProblems.NotFound($"流程定义“{definitionId}”不存在。");
        var counts = await definitions.CountInstancesByVersionAsync(definitionId, ct);
        return Results.Ok(versions.Select(v => new VersionSummary(v.Id, v.Version, v.IsLatest, v.IsPublished, time.Format(v.CreatedAt), counts.GetValueOrDefault(v.Id), v.ProblemCount)).ToList());
    }

    static async Task<IResult> ImportAsync(HttpRequest request, bool? publish, DefinitionAdministration definitions, ClaimsPrincipal actor, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        var result = await definitions.SaveAsync(actor, text, publish == true, ct);
        if (result.Unreadable)
            return ApiProblems.BadRequest(result.Errors is [{ Code: "invalid-definition-id" } invalid] ? invalid.Message : "请求体不是流程定义。", result.Errors);
        if (publish == true && result.Errors.Count > 0)
            return ApiProblems.BadRequest($"流程定义“{result.DefinitionId}”未通过校验，已保存为草稿（版本 {result.Version}），未发布。", result.Errors);
        return Results.Created($"/api/workflow-definitions/{result.DefinitionId}?version={result.Version}", Imported(result));
    }

    static async Task<IResult> PublishAsync(string definitionId, DefinitionAdministration definitions, ClaimsPrincipal actor, CancellationToken ct)
    {
        var (version, errors) = await definitions.PublishAsync(actor, definitionId, cancellationToken: ct);
        if (version is null)
            return ApiProblems.NotFound($"流程定义“{definitionId}”不存在。");
        if (errors.Count > 0)
            return ApiProblems.BadRequest($"流程定义“{definitionId}”的最新版本（{version.Version}）未通过校验，不能发布。", errors);
        return Results.Ok(new VersionRef(definitionId, version.Version));
    }

    static async Task<IResult> RetractAsync(string definitionId, DefinitionAdministration definitions, ClaimsPrincipal actor, CancellationToken ct)
    {
        if ((await definitions.ListVersionsAsync(definitionId, ct)).Count == 0)
            return ApiProblems.NotFound($"流程定义“{definitionId}”不存在。");
        var retracted = await definitions.RetractAsync(actor, definitionId, ct);
        return retracted is null
            ? ApiProblems.BadRequest($"流程定义“{definitionId}”没有已发布的版本。")
            : Results.Ok(new VersionRef(definitionId, retracted.Version));
    }

    static async Task<IResult> MigrateAsync(string definitionId, MigrateRequest? body, DefinitionAdministration definitions, ClaimsPrincipal actor, CancellationToken ct)
    {
        var missing = new List<Workflows.Definitions.DefinitionProblem>();
        if (body?.FromVersion is null)
            missing.Add(new("invalid-input", "$.fromVersion", null, "请指定起始版本（fromVersion）。"));
        if (body?.TargetVersion is null)
            missing.Add(new("invalid-input", "$.targetVersion", null, "请指定目标版本（targetVersion）。"));
        if (missing.Count > 0)
            return ApiProblems.BadRequest(string.Join("", missing.Select(m => m.Message)), missing);
        if ((await definitions.ListVersionsAsync(definitionId, ct)).Count == 0)
            return ApiProblems.NotFound($"流程定义“{definitionId}”不存在。");
        var (from, target) = (body!.FromVersion!.Value, body.TargetVersion!.Value);
        var bulk = await definitions.MigrateInstancesAsync(actor, definitionId, from, target, ct);
        if (bulk.Refusals.Count > 0)
            return ApiProblems.BadRequest($"不能把流程“{definitionId}”的实例从版本 {from} 迁移到版本 {target}：{string.Join("", bulk.Refusals.Select(r => r.Message))}", bulk.Refusals);
        return Results.Ok(new MigrateResponse(definitionId, from, target, bulk.MigratedCount, bulk.RefusedCount,
            bulk.Instances.Select(i => new MigrationOutcome(i.InstanceId, i.Migrated, i.FromVersion, i.ToVersion,
                i.Refusals.Select(r => new ApiError(r.Code, r.Path, r.ActivityId, r.Message)).ToList())).ToList()));
    }

    static async Task<IResult> ExecuteAsync(string definitionId, ExecuteRequest? body, DefinitionAdministration definitions, ClaimsPrincipal actor, CancellationToken ct)
    {
        var instance = await definitions.ExecuteAsync(actor, definitionId, body?.Input, body?.CorrelationId, ct);
        return instance is null
            ? ApiProblems.NotFound($"流程定义“{definitionId}”没有已发布的版本。")
            : Results.Ok(instance);
    }
}
