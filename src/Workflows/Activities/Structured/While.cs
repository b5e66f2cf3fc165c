using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>Runs its body again and again while the condition, evaluated before each round, holds; Break ends it.</summary>
[Activity("Elsa", "While", Category = "结构", DisplayName = "当…循环", Description = "条件为真时反复执行循环体。")]
public sealed class While : CompositeActivity, ILoopActivity
{
    Activity? _body;

    [Input(DisplayName = "条件", UIHint = "singleline")]
    public Input<bool>? Condition { get; set; }

    protected override IEnumerable<ChildSlot> Slots() => Single("body");

    protected override void Bind(IReadOnlyDictionary<string, Activity> children) => _body = children.GetValueOrDefault("body");

    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => RoundAsync(context);

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion) => RoundAsync(context);

    async ValueTask RoundAsync(ActivityExecutionContext context)
    {
        if (_body is not null && await context.EvaluateAsync(Condition))
            context.ScheduleChild(_body);
        else
            context.Complete();
    }
}
