using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Completes the enclosing flowchart with the given outcomes.</summary>
[Activity("Elsa", "Complete", Category = "流程", DisplayName = "以结果结束", Description = "以指定结果结束所在的流程图。")]
public sealed class Complete : Activity
{
    [Input(DisplayName = "结果", UIHint = "outcomes")]
    public Input<string[]>? Outcomes { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var outcomes = await context.EvaluateAsync(Outcomes) ?? [];
        context.CompleteFlowchart(outcomes.Length == 0 ? ["Done"] : outcomes);
    }
}
