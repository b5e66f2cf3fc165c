using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Completes the enclosing flowchart at once, cancelling what still runs in it; at the root the instance finishes.</summary>
[Activity("Elsa", "End", Category = "流程", DisplayName = "结束", Description = "立即结束所在的流程图，取消其中仍在进行的活动。")]
public sealed class End : Activity
{
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.CompleteFlowchart("Done");
        return ValueTask.CompletedTask;
    }
}
