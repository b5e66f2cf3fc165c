using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Sets an output of the workflow (a sub-process hands its outputs to its parent).</summary>
[Activity("Elsa", "SetOutput", Category = "基础", DisplayName = "设置输出", Description = "设置流程的输出值。")]
public sealed class SetOutput : Activity
{
    [Input(DisplayName = "输出名", UIHint = "singleline")]
    public Input<string>? OutputName { get; set; }

    [Input(DisplayName = "输出值", UIHint = "singleline")]
    public Input<object>? OutputValue { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = await context.EvaluateAsync(OutputName);
        if (string.IsNullOrWhiteSpace(name))
            throw new WorkflowFaultException("invalid-input", "输出名为空。");
        context.Workflow.SetOutput(name, await context.EvaluateJsonAsync(OutputValue));
        context.JournalData["outputName"] = name;
        context.Complete();
    }
}
