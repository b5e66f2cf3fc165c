using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Http;

/// <summary>
/// Sends an HTTP request and continues on the port of the status code when it is one of the expected ones (else
/// <c>Unmatched status code</c>), always also on <c>Done</c>; on <c>Failed to connect</c> or <c>Timeout</c> when no
/// answer came, as Elsa's FlowSendHttpRequest. A host not on the allowlist faults the instance, unless the
/// <c>Failed to connect</c> port is connected: then the request is not sent and the flow goes on there (a platform
/// switched off by taking its host off the list must not stop the case), the refusal kept in the journal.
/// </summary>
[Activity("Elsa", "FlowSendHttpRequest", Category = "HTTP", DisplayName = "发送 HTTP 请求（流程）", Description = "向允许的主机发送 HTTP 请求，按状态码走对应出口；连接失败或超时走相应出口。")]
public sealed class FlowSendHttpRequest : SendHttpRequestBase
{
    public const string UnmatchedStatusCode = "Unmatched status code";

    [Input(DisplayName = "预期状态码", Description = "每个预期状态码一个出口，如 200、404。", UIHint = "multitext")]
    public Input<List<int>>? ExpectedStatusCodes { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        OutboundHttpResult result;
        try
        {
            result = await SendAsync(context);
        }
        catch (Common.WorkflowFaultException refused) when (refused.Code == "host-not-allowed" && FailureConnected(context))
        {
            context.JournalData["error"] = refused.Message;
            context.Complete(OutboundHttpResult.FailedToConnect);
            return;
        }
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

    bool FailureConnected(ActivityExecutionContext context) =>
        context.Workflow.Model.ParentOf(Id)?.OutboundOf(Id).Any(c => c.SourcePort == OutboundHttpResult.FailedToConnect) == true;

    /// <summary>The status-code ports depend on the input: any port is accepted.</summary>
    public override IReadOnlyCollection<string>? GetPorts() => null;
}
