using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Http;

/// <summary>
/// Sends an HTTP request and continues on the port of the status code when it is one of the expected ones (else
/// <c>Unmatched status code</c>), always also on <c>Done</c>; on <c>Failed to connect</c> or <c>Timeout</c> when no
/// answer came, as Elsa's FlowSendHttpRequest.
/// </summary>
[Activity("Elsa", "FlowSendHttpRequest", Category = "HTTP", DisplayName = "发送 HTTP 请求（流程）", Description = "向允许的主机发送 HTTP 请求，按状态码走对应出口；连接失败或超时走相应出口。")]
public sealed class FlowSendHttpRequest : SendHttpRequestBase
{
    public const string UnmatchedStatusCode = "Unmatched status code";

    [Input(DisplayName = "预期状态码", Description = "每个预期状态码一个出口，如 200、404。", UIHint = "multitext")]
    public Input<List<int>>? ExpectedStatusCodes { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = await SendAsync(context);
        if (result.Failure is { } failure)
        {
            context.Complete(failure);
            return;
        }
        var expected = await context.EvaluateAsync(ExpectedStatusCodes) ?? [];
        var status = result.StatusCode!.Value;
        if (expected.Count == 0)
            context.Complete("Done");
        else
            context.Complete(expected.Contains(status) ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : UnmatchedStatusCode, "Done");
    }

    /// <summary>The status-code ports depend on the input: any port is accepted.</summary>
    public override IReadOnlyCollection<string>? GetPorts() => null;
}
