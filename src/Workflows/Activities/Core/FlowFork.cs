using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Continues on every named branch at once.</summary>
[Activity("Elsa", "FlowFork", Category = "分支", DisplayName = "并行分叉", Description = "同时走所有分支。")]
public sealed class FlowFork : Activity
{
    [Input(DisplayName = "分支", UIHint = "outcomes")]
    public Input<string[]>? Branches { get; set; }

    public override IReadOnlyCollection<string>? GetPorts()
    {
        if (Branches is null)
            return [];
        try
        {
            return StaticValue.TryGet(Branches, out var branches) ? branches ?? [] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = await context.EvaluateAsync(Branches) ?? [];
        context.Complete(branches);
    }
}
