using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>Runs its activities one after another; a terminal one (End, Complete, Break) ends the sequence early.</summary>
[Activity("Elsa", "Sequence", Category = "结构", DisplayName = "顺序", Description = "依次执行其中的活动。")]
public sealed class Sequence : CompositeActivity
{
    const string NextKey = "next";
    IReadOnlyList<Activity> _activities = [];

    protected override IEnumerable<ChildSlot> Slots() => Many("activities");

    protected override void Bind(IReadOnlyDictionary<string, Activity> children) => _activities = [.. children.Values];

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ScheduleAt(context, 0);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion)
    {
        if (completion.Terminal)
            context.Complete(completion.Outcomes);
        else
            ScheduleAt(context, context.Data[NextKey]!.GetValue<int>());
        return ValueTask.CompletedTask;
    }

    void ScheduleAt(ActivityExecutionContext context, int index)
    {
        if (index >= _activities.Count)
        {
            context.Complete();
            return;
        }
        context.Data[NextKey] = index + 1;
        context.ScheduleChild(_activities[index]);
    }
}
