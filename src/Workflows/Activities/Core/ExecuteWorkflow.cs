using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>
/// Starts a published definition as a sub-process. When the child finishes in the same burst, <c>result</c> is
/// <c>{workflowInstanceId, correlationId, status, subStatus, output}</c>; when it waits and
/// <c>waitForCompletion</c> is set, this activity waits too and <c>result</c> becomes the child's output.
/// </summary>
[Activity("Elsa", "ExecuteWorkflow", Category = "流程", DisplayName = "执行子流程", Description = "启动一个已发布的流程作为子流程，可等待其完成。")]
public sealed class ExecuteWorkflow : Activity
{
    [Input(DisplayName = "流程定义", UIHint = "workflow-definition-picker")]
    public Input<string>? WorkflowDefinitionId { get; set; }

    [Input(DisplayName = "输入", UIHint = "json")]
    public Input<object>? Input { get; set; }

    [Input(DisplayName = "关联号", UIHint = "singleline")]
    public Input<string>? CorrelationId { get; set; }

    [Input(DisplayName = "等待完成", UIHint = "checkbox")]
    public Input<bool>? WaitForCompletion { get; set; }

    [Output(DisplayName = "结果")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var definitionId = await context.EvaluateAsync(WorkflowDefinitionId);
        if (string.IsNullOrWhiteSpace(definitionId))
            throw new WorkflowFaultException("invalid-input", "未指定子流程定义。");
        var input = await context.EvaluateJsonAsync(Input) switch
        {
            JsonObject o => o,
            JsonValue v when v.TryGetValue<string>(out var s) && s.TrimStart().StartsWith('{') => JsonNode.Parse(s) as JsonObject ?? [],
            null => [],
            var other => new JsonObject { ["input"] = other.DeepClone() },
        };
        var correlationId = await context.EvaluateAsync(CorrelationId);
        var wait = await context.EvaluateAsync(WaitForCompletion);
        var bookmarkId = ActivityExecutionContext.NewId();
        var child = await context.Workflow.Host.RunChildAsync(context.Workflow, definitionId, input, correlationId,
            wait ? new ParentLink(context.Workflow.InstanceId, bookmarkId) : null, context.CancellationToken);
        context.JournalData["childInstanceId"] = child.InstanceId;

        if (child.Record.Status == WorkflowStatus.Finished || !wait)
        {
            child.State.Parent = null;
            var result = new JsonObject
            {
                ["workflowInstanceId"] = child.InstanceId,
                ["correlationId"] = child.CorrelationId,
                ["status"] = child.Record.Status,
                ["subStatus"] = child.Record.SubStatus,
                ["output"] = child.Output.DeepClone(),
            };
            child.Changes.AddedTimers.RemoveAll(t => t.BookmarkId == bookmarkId);
            context.SetOutput(Result, "result", result);
            context.Complete();
            return;
        }
        context.CreateBookmark(new BookmarkRequest(new JsonObject { ["childInstanceId"] = child.InstanceId, ["definitionId"] = definitionId })
        {
            Id = bookmarkId,
            Stimulus = child.InstanceId,
        });
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, JsonNode? input)
    {
        var subStatus = input?["subStatus"]?.GetValue<string>();
        context.JournalData["childInstanceId"] = input?["workflowInstanceId"]?.DeepClone();
        if (subStatus is not null && subStatus != WorkflowSubStatus.Finished)
            throw new WorkflowFaultException("child-" + subStatus.ToLowerInvariant(), $"子流程 {input?["workflowInstanceId"]} 以 {subStatus} 结束。");
        context.SetOutput(Result, "result", input?["output"]?.DeepClone());
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
