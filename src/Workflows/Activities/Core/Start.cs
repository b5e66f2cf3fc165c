using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Marks where a flowchart begins.</summary>
[Activity("Elsa", "Start", Category = "流程", DisplayName = "开始", Description = "流程图从这里开始。")]
public sealed class Start : Activity
{
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
