using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>Elsa's container node of a flowchart: runs its <c>body</c>, if any, and completes after it.</summary>
[Activity("Elsa", "FlowNode", Category = "结构", DisplayName = "容器", Description = "执行其中的一个活动后继续。")]
public sealed class FlowNode : CompositeActivity
{
    Activity? _body;

    protected override IEnumerable<ChildSlot> Slots() => Single("body");

    protected override void Bind(IReadOnlyDictionary<string, Activity> children) => _body = children.GetValueOrDefault("body");

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (_body is null)
            context.Complete();
        else
            context.ScheduleChild(_body);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
