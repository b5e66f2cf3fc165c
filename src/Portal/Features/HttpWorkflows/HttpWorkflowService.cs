using System.Security.Claims;
using System.Text.Json.Nodes;
using Justice.Portal.Api;
using Justice.Workflows.Activities.Http;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Justice.Portal.Features.HttpWorkflows;

/// <summary>
/// Runs the workflow an HTTP request reaches (Elsa's HTTP workflows middleware): a published definition whose trigger
/// endpoint matches path and method starts, else the one instance waiting on a matching endpoint resumes (named by
/// <c>workflowInstanceId</c> or <c>correlationId</c> in the query or the <c>X-Workflow-Instance-Id</c> /
/// <c>X-Correlation-Id</c> header when several wait). The endpoint's <c>authorize</c> and <c>policy</c> decide who may
/// call. The answer is what <c>Elsa.WriteHttpResponse</c> wrote in the burst, sent after the commit; without one,
/// 200 with no content.
/// </summary>
public sealed class HttpWorkflowService(HttpRouteTable routes, WorkflowRuntime runtime, IAuthorizationService authorization,
    IOptions<WorkflowHttpOptions> options, ILogger<HttpWorkflowService> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http, string? rawPath, CancellationToken cancellationToken)
    {
        var path = HttpRoute.Normalize(rawPath);
        if (path.Length == 0 || path.Length > HttpRoute.MaxLength)
            return NotFound();
        var method = http.Request.Method.ToUpperInvariant();
        var instanceId = Identifier(http.Request, "workflowInstanceId", "X-Workflow-Instance-Id");
        var correlationId = Identifier(http.Request, "correlationId", "X-Correlation-Id");

        var triggers = await routes.FindTriggersAsync(path, method, cancellationToken);
        if (triggers.Count > 1)
            return Ambiguous(path);
        if (triggers is [var trigger])
        {
            if (await RefuseAsync(http.User, trigger.Route.Authorize, trigger.Route.Policy) is { } refused)
                return refused;
            return await RunAsync(http, path, trigger.RouteValues, trigger.Route.RequestSizeLimit, (request, items) =>
                runtime.StartAsync(trigger.DefinitionId, correlationId, new WorkflowTrigger(trigger.Route.ActivityId, request), items, cancellationToken), cancellationToken);
        }

        var bookmarks = await routes.FindBookmarksAsync(path, method, instanceId, correlationId, cancellationToken);
        if (bookmarks.Count > 1)
            return Ambiguous(path);
        if (bookmarks is not [var bookmark])
            return NotFound();
        if (await RefuseAsync(http.User, bookmark.Authorize, bookmark.Policy) is { } denied)
            return denied;
        return await RunAsync(http, path, bookmark.RouteValues, bookmark.RequestSizeLimit, (request, items) =>
            runtime.ResumeWithItemsAsync(bookmark.BookmarkId, request, items, cancellationToken), cancellationToken);
    }

    async Task<IResult> RunAsync(HttpContext http, string path, IReadOnlyDictionary<string, string> routeValues, long? sizeLimit,
        Func<JsonObject, IDictionary<string, object>, Task<WorkflowInstanceRecord?>> run, CancellationToken cancellationToken)
    {
        var limit = Math.Min(options.Value.MaxRequestBytes, sizeLimit is > 0 ? sizeLimit.Value : long.MaxValue);
        JsonObject request;
        try
        {
            request = await HttpRequestReader.ReadAsync(http.Request, path, routeValues, limit, cancellationToken);
        }
        catch (HttpRequestReader.RequestTooLargeException tooLarge)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "请求过大", $"请求正文超出大小上限（{tooLarge.Limit} 字节）。");
        }
        catch (HttpRequestReader.UnreadableBodyException unreadable)
        {
            return ApiProblems.BadRequest(unreadable.Message);
        }

        var slot = new HttpResponseSlot { Request = request };
        var items = new Dictionary<string, object>(StringComparer.Ordinal) { [HttpResponseSlot.Key] = slot };
        WorkflowInstanceRecord? instance;
        try
        {
            instance = await run(request, items);
        }
        catch (WorkflowFaultedException)
        {
            return ApiProblems.Conflict("等待该请求的流程实例出现故障，待管理员处理后才能继续。");
        }
        catch (WorkflowConflictException)
        {
            return ApiProblems.Conflict("该请求已被处理（流程已继续或已结束）。");
        }
        if (instance is null)
            return NotFound();
        if (slot.Written)
            return new WorkflowHttpResult(slot);
        if (instance.SubStatus == WorkflowSubStatus.Faulted)
        {
            logger.LogWarning("HTTP 请求 {Method} /workflows/{Path} 的流程实例 {InstanceId} 出现故障", http.Request.Method, path, instance.Id);
            return ApiProblems.Problem(StatusCodes.Status500InternalServerError, "流程出现故障", "处理该请求的流程出现故障，已记录，请联系管理员。");
        }
        return Results.Ok();
    }

    /// <summary>401 without a login where the endpoint requires one (or names a policy), 403 when the policy is not met.</summary>
    async Task<IResult?> RefuseAsync(ClaimsPrincipal user, bool authorize, string? policy)
    {
        if (!authorize && policy is null)
            return null;
        if (user.Identity?.IsAuthenticated != true)
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "需要登录", "该流程端点只接受已登录的请求。");
        if (policy is null)
            return null;
        try
        {
            if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
                return null;
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning(ex, "流程端点要求的授权策略 {Policy} 不存在", policy);
        }
        return ApiProblems.Forbidden("当前账号不满足该流程端点要求的授权策略。");
    }

    static string? Identifier(HttpRequest request, string queryKey, string header)
    {
        var value = request.Query[queryKey].FirstOrDefault() ?? request.Headers[header].FirstOrDefault();
        return string.IsNullOrWhiteSpace(value) || value.Length > 200 ? null : value.Trim();
    }

    static IResult NotFound() => ApiProblems.NotFound("没有流程接收该地址与方法的请求。");

    static IResult Ambiguous(string path) =>
        ApiProblems.Problem(StatusCodes.Status500InternalServerError, "请求不明确", $"地址 /workflows/{path} 匹配了多个流程；请用 workflowInstanceId 或 correlationId 指明。");
}
