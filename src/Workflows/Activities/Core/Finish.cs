using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Finishes the whole instance, cancelling everything that still waits.</summary>
[Activity("Elsa", "Finish", Category = "流程", DisplayName = "完成", Description = "结束整个流程实例。")]
public sealed class Finish : Activity
{
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.FinishWorkflow();
        return ValueTask.CompletedTask;
    }
}
