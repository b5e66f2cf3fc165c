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

/// <summary>Keeps which scheduled children are still out (Parallel, Fork, Switch, ParallelForEach).</summary>
static class Branches
{
    const string PendingKey = "pending";

    /// <summary>Schedules the children (each with its loop variables, if any); completes at once when there are none.</summary>
    public static void Start(ActivityExecutionContext context, IEnumerable<Activity> children, Func<int, JsonObject?>? scopeOf = null)
    {
        var pending = new JsonArray();
        foreach (var child in children)
        {
            context.ScheduleChild(child, scopeOf?.Invoke(pending.Count));
            pending.Add(child.Id);
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
        if (pending.FirstOrDefault(id => id?.GetValue<string>() == child.Id) is { } arrived)
            pending.Remove(arrived);
        return pending.Count == 0;
    }
}
