using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>Runs all its activities at once and completes when every one has completed.</summary>
[Activity("Elsa", "Parallel", Category = "结构", DisplayName = "并行", Description = "同时执行其中的活动，全部完成后继续。")]
public sealed class Parallel : CompositeActivity
{
    protected override IEnumerable<ChildSlot> Slots() => Many("activities");

    protected override void Bind(IReadOnlyDictionary<string, Activity> children)
    {
    }

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        Branches.Start(context, Children);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion)
    {
        if (Branches.Arrive(context, child))
            context.Complete();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Keeps which scheduled children are still out (Parallel, Fork, Switch in MatchAny mode).</summary>
static class Branches
{
    const string PendingKey = "pending";

    public static void Start(ActivityExecutionContext context, IEnumerable<Activity> children)
    {
        var pending = new JsonArray();
        foreach (var child in children)
        {
            pending.Add(child.Id);
            context.ScheduleChild(child);
        }
        if (pending.Count == 0)
            context.Complete();
        else
            context.Data[PendingKey] = pending;
    }

    /// <summary>A child completed; true when none is left.</summary>
    public static bool Arrive(ActivityExecutionContext context, Activity child)
    {
        if (context.Data[PendingKey] is not JsonArray pending)
            return true;
        var index = pending.Select((id, i) => (id, i)).FirstOrDefault(p => p.id?.GetValue<string>() == child.Id).i;
        if (index < pending.Count && pending[index]?.GetValue<string>() == child.Id)
            pending.RemoveAt(index);
        return pending.Count == 0;
    }
}
