using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Http;

/// <summary>The inputs and outputs the two request activities share (Elsa's SendHttpRequestBase).</summary>
public abstract class SendHttpRequestBase : Activity
{
    [Input(DisplayName = "地址", Description = "完整的 http(s) 地址；主机须在允许外发的主机列表中。", UIHint = "singleline")]
    public Input<Uri>? Url { get; set; }

    [Input(DisplayName = "请求方法", UIHint = "dropdown", Options = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"], DefaultValue = "GET")]
    public Input<string>? Method { get; set; }

    [Input(DisplayName = "内容", Description = "随请求发送的内容：字符串原样发送，其他值以 JSON 发送。", UIHint = "multiline")]
    public Input<object>? Content { get; set; }

    [Input(DisplayName = "内容类型", UIHint = "singleline")]
    public Input<string>? ContentType { get; set; }

    [Input(DisplayName = "Authorization 头", Description = "如 Bearer {令牌}。", UIHint = "singleline")]
    public Input<string>? Authorization { get; set; }

    [Input(DisplayName = "请求头", Description = "随请求发送的头（JSON 对象）。", UIHint = "json")]
    public Input<JsonObject>? RequestHeaders { get; set; }

    [Output(DisplayName = "状态码", Description = "响应的 HTTP 状态码。")]
    public Output<int>? StatusCode { get; set; }

    [Output(DisplayName = "解析后的内容", Description = "响应内容：JSON 解析为对象，其他为文本。")]
    public Output<object>? ParsedContent { get; set; }

    [Output(DisplayName = "响应头", Description = "收到的响应头。")]
    public Output<object>? ResponseHeaders { get; set; }

    /// <summary>Sends the request and records the outputs; the result says how it ended.</summary>
    protected async Task<OutboundHttpResult> SendAsync(ActivityExecutionContext context)
    {
        var url = await context.EvaluateAsync(Url);
        var result = await context.GetRequiredService<OutboundHttp>().SendAsync(DisplayName, url, await context.EvaluateAsync(Method),
            await context.EvaluateJsonAsync(Content), await context.EvaluateAsync(ContentType), await context.EvaluateAsync(Authorization),
            await context.EvaluateAsync(RequestHeaders), context.CancellationToken);
        context.JournalData["url"] = url?.GetLeftPart(UriPartial.Path);
        if (result.Failure is { } failure)
        {
            context.JournalData["error"] = failure;
            return result;
        }
        context.JournalData["statusCode"] = result.StatusCode;
        context.SetOutput(StatusCode, "statusCode", result.StatusCode);
        context.SetOutput(ParsedContent, "parsedContent", result.ParsedContent);
        context.SetOutput(ResponseHeaders, "responseHeaders", result.Headers);
        return result;
    }
}
