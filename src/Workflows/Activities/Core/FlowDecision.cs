using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Takes the True or the False port depending on a condition.</summary>
[Activity("Elsa", "FlowDecision", Category = "分支", DisplayName = "条件判断", Description = "条件为真走 True，否则走 False。")]
[Outcomes("True", "False")]
public sealed class FlowDecision : Activity
{
    [Input(DisplayName = "条件", UIHint = "singleline")]
    public Input<bool>? Condition { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = await context.EvaluateAsync(Condition);
        context.Complete(result ? "True" : "False");
    }
}
