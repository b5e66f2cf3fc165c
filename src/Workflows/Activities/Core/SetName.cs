using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Sets the instance's name.</summary>
[Activity("Elsa", "SetName", Category = "基础", DisplayName = "设置实例名称", Description = "设置流程实例的名称。")]
public sealed class SetName : Activity
{
    [Input(DisplayName = "名称", UIHint = "singleline")]
    public Input<string>? Value { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.InstanceName = await context.EvaluateAsync(Value);
        context.JournalData["name"] = context.Workflow.InstanceName;
        context.Complete();
    }
}
