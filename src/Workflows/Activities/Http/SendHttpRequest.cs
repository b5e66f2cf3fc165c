using Justice.Workflows.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Http;

/// <summary>
/// Sends an HTTP request and completes with <c>Done</c>; the response's status code, content and headers are its
/// outputs. Elsa's per-status child activities are not run here (use <see cref="FlowSendHttpRequest"/> in a flowchart);
/// no answer (connection failure, timeout) faults the instance.
/// </summary>
[Activity("Elsa", "SendHttpRequest", Category = "HTTP", DisplayName = "发送 HTTP 请求", Description = "向允许的主机发送 HTTP 请求，响应的状态码、内容与响应头作为输出。")]
public sealed class SendHttpRequest : SendHttpRequestBase
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = await SendAsync(context);
        if (result.Failure is { } failure)
            throw new WorkflowFaultException(failure == OutboundHttpResult.Timeout ? "http-timeout" : "http-failed-to-connect",
                failure == OutboundHttpResult.Timeout ? $"活动“{DisplayName}”的请求超时，未收到响应。" : $"活动“{DisplayName}”无法连接到目标主机。", "HTTP");
        context.Complete();
    }
}
