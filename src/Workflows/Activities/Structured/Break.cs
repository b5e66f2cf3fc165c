using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>Ends the nearest enclosing loop (While, For, ForEach, ParallelForEach); what still runs inside it is cancelled.</summary>
[Activity("Elsa", "Break", Category = "结构", DisplayName = "跳出循环", Description = "结束所在的循环。")]
public sealed class Break : Activity
{
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.BreakLoop();
        return ValueTask.CompletedTask;
    }
}
