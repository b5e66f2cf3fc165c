using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>
/// Evaluates each case's condition (<c>cases: [{label, condition, activity}]</c>) and runs the activity of the first
/// case that holds (<c>mode</c> <c>MatchFirst</c>, the default) or of every one (<c>MatchAny</c>); <c>default</c>
/// when none holds. Completes when what it ran has completed.
/// </summary>
[Activity("Elsa", "Switch", Category = "结构", DisplayName = "分情形", Description = "按各情形的条件执行对应的活动；都不满足时执行默认活动。")]
public sealed class Switch : CompositeActivity
{
    readonly List<(string Label, Expression Condition, Activity? Activity)> _cases = [];
    Activity? _default;

    protected override IEnumerable<ChildSlot> Slots()
    {
        if (Node["cases"] is JsonArray cases)
        {
            for (var i = 0; i < cases.Count; i++)
            {
                if (cases[i]?["activity"] is JsonObject child && child["type"] is not null)
                    yield return new ChildSlot($"case{i}", $"cases[{i}].activity", child);
            }
        }
        foreach (var slot in Single("default"))
            yield return slot;
    }

    protected override void Bind(IReadOnlyDictionary<string, Activity> children)
    {
        if (Node["cases"] is JsonArray cases)
        {
            for (var i = 0; i < cases.Count; i++)
            {
                var node = cases[i];
                var label = node?["label"] is JsonValue l && l.TryGetValue<string>(out var text) ? text : $"Case {i + 1}";
                var condition = node?["condition"] is JsonObject c && c["type"] is not null
                    ? new Expression(c["type"]!.GetValue<string>(), c["value"]?.DeepClone())
                    : Expression.FromInputNode(node?["condition"]) ?? Expression.Literal(false);
                _cases.Add((label, condition, children.GetValueOrDefault($"case{i}")));
            }
        }
        _default = children.GetValueOrDefault("default");
    }

    public override void Validate(DefinitionValidationContext context)
    {
        foreach (var (label, condition, _) in _cases)
        {
            if (!condition.IsSupported)
                context.Add(Definitions.DefinitionProblem.UnsupportedExpression, context.PathOf(this) + ".cases", Id,
                    $"活动“{DisplayName}”的情形“{label}”使用了不支持的表达式类型“{condition.Type}”。");
        }
    }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matchAny = string.Equals(Setting("mode"), "MatchAny", StringComparison.OrdinalIgnoreCase);
        var matched = new List<Activity?>();
        foreach (var (_, condition, activity) in _cases)
        {
            if (ValueConverter.Convert<bool?>(await context.EvaluateAsync(condition)) != true)
                continue;
            matched.Add(activity);
            if (!matchAny)
                break;
        }
        var run = matched.Count > 0 ? matched.OfType<Activity>().Distinct() : _default is null ? [] : [_default];
        Branches.Start(context, run);
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion)
    {
        if (Branches.Arrive(context, child))
            context.Complete();
        return ValueTask.CompletedTask;
    }
}
