using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Publishes an event; it is delivered after the current burst commits.</summary>
[Activity("Elsa", "PublishEvent", Category = "基础", DisplayName = "发布事件", Description = "发布事件，在本次执行提交后送达等待它的流程。")]
public sealed class PublishEvent : Activity
{
    [Input(DisplayName = "事件名", UIHint = "singleline")]
    public Input<string>? EventName { get; set; }

    [Input(DisplayName = "关联号", UIHint = "singleline")]
    public Input<string>? CorrelationId { get; set; }

    [Input(DisplayName = "仅本实例", UIHint = "checkbox")]
    public Input<bool>? IsLocalEvent { get; set; }

    [Input(DisplayName = "数据", UIHint = "json")]
    public Input<object>? Payload { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = await context.EvaluateAsync(EventName);
        if (string.IsNullOrWhiteSpace(name))
            throw new WorkflowFaultException("invalid-input", "发布事件的事件名为空。");
        var correlationId = await context.EvaluateAsync(CorrelationId);
        var local = await context.EvaluateAsync(IsLocalEvent);
        var payload = await context.EvaluateJsonAsync(Payload);
        context.Workflow.Unit.PublishedEvents.Add(new PublishedEvent(name, correlationId, local ? context.Workflow.InstanceId : null, payload));
        context.JournalData["eventName"] = name;
        context.Complete();
    }
}
