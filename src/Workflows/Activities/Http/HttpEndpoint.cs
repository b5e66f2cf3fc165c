using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Http;

/// <summary>
/// An HTTP request to <c>/workflows/{path}</c> with one of the methods: as the trigger of a published definition it
/// starts an instance, inside a running one it waits for the request. The request's route values, query, headers and
/// parsed body become its outputs.
/// </summary>
[Activity("Elsa", "HttpEndpoint", Category = "HTTP", DisplayName = "HTTP 端点", Description = "接收发往 /workflows/{路径} 的 HTTP 请求：可启动流程，或让等待中的流程继续。")]
public sealed class HttpEndpoint : Activity
{
    public const string TypeName = "Elsa.HttpEndpoint";

    [Input(DisplayName = "路径", Description = "相对 /workflows/ 的路径，可含路由参数，如 orders/{id}。", UIHint = "singleline")]
    public Input<string>? Path { get; set; }

    [Input(DisplayName = "请求方法", Description = "接受的 HTTP 方法。", UIHint = "checklist", Options = ["GET", "POST", "PUT", "HEAD", "DELETE"])]
    public Input<string[]>? SupportedMethods { get; set; }

    [Input(DisplayName = "需要登录", Description = "只接受已登录（已认证）的请求。", UIHint = "checkbox")]
    public Input<bool>? Authorize { get; set; }

    [Input(DisplayName = "授权策略", Description = "请求须满足的授权策略名称；不满足时拒绝。", UIHint = "singleline")]
    public Input<string>? Policy { get; set; }

    [Input(DisplayName = "请求大小上限", Description = "请求正文的最大字节数（不超过系统上限）。")]
    public Input<long?>? RequestSizeLimit { get; set; }

    [Output(DisplayName = "解析后的正文", Description = "按内容类型解析的请求正文（JSON、表单或文本）。")]
    public Output<object>? ParsedContent { get; set; }

    [Output(DisplayName = "路由参数", Description = "路径中的路由参数。")]
    public Output<object>? RouteData { get; set; }

    [Output(DisplayName = "查询参数", Description = "查询字符串中的参数。")]
    public Output<object>? QueryStringData { get; set; }

    [Output(DisplayName = "请求头", Description = "请求头（不含凭据）。")]
    public Output<object>? Headers { get; set; }

    [Output(DisplayName = "请求", Description = "请求的路径、方法、参数、请求头与正文。")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.Workflow.TryTakeTrigger(this, out var request))
        {
            Receive(context, request);
            return;
        }
        var path = HttpRoute.Normalize(await context.EvaluateAsync(Path));
        if (path.Length == 0 || path.Length > HttpRoute.MaxLength)
            throw new WorkflowFaultException("invalid-input", $"活动“{DisplayName}”的路径为空或过长。");
        var methods = Methods(await context.EvaluateAsync(SupportedMethods));
        var payload = new JsonObject
        {
            ["path"] = path,
            ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode?)JsonValue.Create(m))]),
            ["authorize"] = await context.EvaluateAsync(Authorize),
            ["policy"] = await context.EvaluateAsync(Policy),
        };
        if (await context.EvaluateAsync(RequestSizeLimit) is { } limit)
            payload["requestSizeLimit"] = limit;
        context.JournalData["path"] = path;
        context.CreateBookmark(new BookmarkRequest(payload) { Stimulus = HttpRoute.Stimulus(path) });
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, JsonNode? input)
    {
        Receive(context, input);
        return ValueTask.CompletedTask;
    }

    void Receive(ActivityExecutionContext context, JsonNode? request)
    {
        context.SetOutput(RouteData, "routeData", request?["routeData"]?.DeepClone() ?? new JsonObject());
        context.SetOutput(QueryStringData, "queryStringData", request?["query"]?.DeepClone() ?? new JsonObject());
        context.SetOutput(Headers, "headers", request?["headers"]?.DeepClone() ?? new JsonObject());
        context.SetOutput(Result, "result", request?.DeepClone());
        context.SetOutput(ParsedContent, "parsedContent", request?["body"]?.DeepClone());
        context.JournalData["path"] = request?["path"]?.DeepClone();
        context.JournalData["method"] = request?["method"]?.DeepClone();
        context.Complete();
    }

    /// <summary>The methods in upper case; GET when none are given, as in Elsa.</summary>
    public static IReadOnlyList<string> Methods(IEnumerable<string>? methods)
    {
        var list = (methods ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim().ToUpperInvariant()).Distinct().ToList();
        return list.Count == 0 ? ["GET"] : list;
    }

    /// <summary>
    /// What this endpoint answers, read from the definition (path and methods written as literals); null when the path
    /// is computed at run time, which a trigger cannot be.
    /// </summary>
    public HttpEndpointRoute? StaticRoute()
    {
        if (!StaticInput.TryGet(Path, out var path) || string.IsNullOrWhiteSpace(path) ||
            !StaticInput.TryGet(SupportedMethods, out var methods) ||
            !StaticInput.TryGet(Authorize, out var authorize) || !StaticInput.TryGet(Policy, out var policy) ||
            !StaticInput.TryGet(RequestSizeLimit, out var sizeLimit))
            return null;
        return new HttpEndpointRoute(HttpRoute.Normalize(path), Methods(methods), authorize, string.IsNullOrWhiteSpace(policy) ? null : policy.Trim(), sizeLimit, Id);
    }

    public override void Validate(DefinitionValidationContext context)
    {
        if (Path is not null && StaticInput.TryGet(Path, out var path) && path is { } p && HttpRoute.Normalize(p).Length > HttpRoute.MaxLength)
            context.Add(this, DefinitionProblem.InvalidInput, "path", $"活动“{DisplayName}”的路径超过 {HttpRoute.MaxLength} 个字符。");
        if (CanStartWorkflow && Path is not null && !StaticInput.TryGet(Path, out _))
            context.Add(this, DefinitionProblem.InvalidInput, "path",
                $"活动“{DisplayName}”用于启动流程，其路径须为固定值（不能是脚本或变量）。");
    }
}

/// <summary>An endpoint as the definition declares it: the route template, the methods and who may call it.</summary>
public sealed record HttpEndpointRoute(string Path, IReadOnlyList<string> Methods, bool Authorize, string? Policy, long? RequestSizeLimit, string ActivityId);
