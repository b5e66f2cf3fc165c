using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>
/// Counts from <c>start</c> to <c>end</c> by <c>step</c> (down when negative; <c>end</c> included unless
/// <c>outerBoundInclusive</c> is false), running its body with <c>CurrentValue</c> each time; Break ends it.
/// </summary>
[Activity("Elsa", "For", Category = "结构", DisplayName = "计数循环", Description = "从起始值按步长计数到结束值，每次执行循环体。")]
public sealed class For : CompositeActivity, ILoopActivity
{
    const string CurrentKey = "current";
    Activity? _body;

    [Input(DisplayName = "起始值", UIHint = "singleline")]
    public Input<int>? Start { get; set; }

    [Input(DisplayName = "结束值", UIHint = "singleline")]
    public Input<int>? End { get; set; }

    [Input(DisplayName = "步长", UIHint = "singleline")]
    public Input<int>? Step { get; set; }

    [Input(DisplayName = "包含结束值", UIHint = "checkbox")]
    public Input<bool>? OuterBoundInclusive { get; set; }

    [Output(DisplayName = "当前值")]
    public Output<object>? CurrentValue { get; set; }

    protected override IEnumerable<ChildSlot> Slots() => Single("body");

    protected override void Bind(IReadOnlyDictionary<string, Activity> children) => _body = children.GetValueOrDefault("body");

    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => RoundAsync(context);

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion) => RoundAsync(context);

    async ValueTask RoundAsync(ActivityExecutionContext context)
    {
        var start = await context.EvaluateAsync(Start, 0);
        var end = await context.EvaluateAsync(End, 0);
        var step = await context.EvaluateAsync(Step, 1);
        var inclusive = await context.EvaluateAsync(OuterBoundInclusive, true);
        var current = context.Data[CurrentKey] is JsonValue last ? last.GetValue<int>() + step : start;
        var more = step >= 0
            ? inclusive ? current <= end : current < end
            : inclusive ? current >= end : current > end;
        if (!more || _body is null)
        {
            context.Complete();
            return;
        }
        context.Data[CurrentKey] = current;
        context.SetOutput(CurrentValue, "currentValue", current);
        context.ScheduleChild(_body, new JsonObject { ["CurrentValue"] = current });
    }
}
