using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Waits until the named event is triggered; the trigger's input becomes the output <c>result</c>.</summary>
[Activity("Elsa", "Event", Category = "等待", DisplayName = "等待事件", Description = "等待指定名称的事件（可按关联号或实例号匹配）。")]
public sealed class Event : Activity
{
    [Input(DisplayName = "事件名", UIHint = "singleline")]
    public Input<string>? EventName { get; set; }

    [Output(DisplayName = "结果", Description = "触发事件时传入的 input。")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = await context.EvaluateAsync(EventName);
        if (string.IsNullOrWhiteSpace(name))
            throw new WorkflowFaultException("invalid-input", "等待事件的事件名为空。");
        context.JournalData["eventName"] = name;
        context.CreateBookmark(new BookmarkRequest(new JsonObject { ["eventName"] = name }) { Stimulus = name });
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, JsonNode? input)
    {
        context.SetOutput(Result, "result", input);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
