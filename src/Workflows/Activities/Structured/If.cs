using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>Runs <c>then</c> when the condition holds, else <c>else</c>, and completes after it; the condition is its result.</summary>
[Activity("Elsa", "If", Category = "结构", DisplayName = "如果", Description = "条件为真执行“则”，否则执行“否则”。")]
public sealed class If : CompositeActivity
{
    Activity? _then;
    Activity? _else;

    [Input(DisplayName = "条件", UIHint = "singleline")]
    public Input<bool>? Condition { get; set; }

    [Output(DisplayName = "结果")]
    public Output<bool>? Result { get; set; }

    protected override IEnumerable<ChildSlot> Slots() => [.. Single("then"), .. Single("else")];

    protected override void Bind(IReadOnlyDictionary<string, Activity> children)
    {
        _then = children.GetValueOrDefault("then");
        _else = children.GetValueOrDefault("else");
    }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = await context.EvaluateAsync(Condition);
        context.SetOutput(Result, "result", result);
        if ((result ? _then : _else) is { } next)
            context.ScheduleChild(next);
        else
            context.Complete();
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
