using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Activities.Http;

/// <summary>
/// Answers the HTTP request that started or resumed the instance: status, content, content type and headers, written
/// once the burst committed. A string is sent as text, anything else as JSON.
/// </summary>
[Activity("Elsa", "WriteHttpResponse", Category = "HTTP", DisplayName = "HTTP 响应", Description = "答复启动或恢复本流程的 HTTP 请求（状态码、内容、内容类型、响应头）。")]
public sealed class WriteHttpResponse : Activity
{
    [Input(DisplayName = "状态码", UIHint = "dropdown", DefaultValue = "OK")]
    public Input<HttpStatusCode>? StatusCode { get; set; }

    [Input(DisplayName = "内容", Description = "字符串原样发送，其他值以 JSON 发送。", UIHint = "multiline")]
    public Input<object>? Content { get; set; }

    [Input(DisplayName = "内容类型", Description = "如 text/plain、application/json；为空时按内容决定。", UIHint = "singleline")]
    public Input<string>? ContentType { get; set; }

    [Input(DisplayName = "响应头", Description = "随响应发送的头（JSON 对象）。", UIHint = "json")]
    public Input<JsonObject>? ResponseHeaders { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (!context.Workflow.Items.TryGetValue(HttpResponseSlot.Key, out var item) || item is not HttpResponseSlot slot)
            throw new WorkflowFaultException("no-http-request",
                $"活动“{DisplayName}”没有可答复的 HTTP 请求：流程不是在本次由 HTTP 请求启动或恢复的（例如在等待之后由定时器或事件继续）。", "HTTP");
        var status = await context.EvaluateAsync(StatusCode, HttpStatusCode.OK);
        var content = await context.EvaluateJsonAsync(Content);
        var contentType = await context.EvaluateAsync(ContentType);
        var headers = await context.EvaluateAsync(ResponseHeaders);
        var limit = context.GetService<IOptions<WorkflowHttpOptions>>()?.Value.MaxResponseBytes ?? new WorkflowHttpOptions().MaxResponseBytes;

        slot.StatusCode = (int)status is >= 100 and <= 599 ? (int)status : 200;
        slot.Headers.Clear();
        foreach (var (name, value) in headers ?? [])
        {
            if (value is null)
                continue;
            var text = value is JsonArray array ? string.Join(",", array.Select(v => Text(v))) : Text(value);
            slot.Headers[name] = text;
        }
        if (content is null)
        {
            slot.Content = null;
            slot.ContentType = null;
        }
        else
        {
            var isText = content is JsonValue v && v.GetValueKind() == JsonValueKind.String;
            slot.Content = isText ? content.GetValue<string>() : content.ToJsonString(WorkflowJson.Compact);
            slot.ContentType = string.IsNullOrWhiteSpace(contentType) ? isText ? "text/plain" : "application/json" : contentType.Trim();
            if (System.Text.Encoding.UTF8.GetByteCount(slot.Content) > limit)
                throw new WorkflowFaultException("response-too-large", $"活动“{DisplayName}”的响应内容超出大小上限（{limit} 字节）。", "HTTP");
        }
        slot.Written = true;
        context.JournalData["statusCode"] = slot.StatusCode;
    }

    static string Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString(WorkflowJson.Compact) ?? "";
}
