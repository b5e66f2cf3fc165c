using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>
/// Runs its branches at once; with <c>joinMode</c> <c>WaitAll</c> (the default) it completes when all have, with
/// <c>WaitAny</c> when the first has, the others cancelled. A Break inside a branch ends the fork too.
/// </summary>
[Activity("Elsa", "Fork", Category = "结构", DisplayName = "分叉", Description = "同时执行各分支；等待全部或任一分支完成。")]
public sealed class Fork : CompositeActivity
{
    protected override IEnumerable<ChildSlot> Slots() => Many("branches");

    protected override void Bind(IReadOnlyDictionary<string, Activity> children)
    {
    }

    bool WaitAny => string.Equals(Setting("joinMode"), "WaitAny", StringComparison.OrdinalIgnoreCase);

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        Branches.Start(context, Children);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion)
    {
        if (Branches.Arrive(context, child) || WaitAny)
            context.Complete();
        return ValueTask.CompletedTask;
    }
}
