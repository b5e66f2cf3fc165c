using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>
/// Takes the port of the first matching case (MatchFirst) or of every matching case (MatchAny), or Default.
/// Cases are written without the input wrapper: <c>[{"label": "...", "condition": {"type", "value"}}]</c>.
/// </summary>
[Activity("Elsa", "FlowSwitch", Category = "分支", DisplayName = "多路分支", Description = "按条件选择出口；都不满足时走 Default。")]
public sealed class FlowSwitch : Activity
{
    [Input(DisplayName = "匹配方式", UIHint = "dropdown", Options = ["MatchFirst", "MatchAny"], DefaultValue = "MatchFirst")]
    public Input<SwitchMode>? Mode { get; set; }

    /// <summary>The cases as written in the definition.</summary>
    public IReadOnlyList<SwitchCase> Cases => _cases ??= ReadCases(Node["cases"]);

    IReadOnlyList<SwitchCase>? _cases;

    public override IReadOnlyCollection<string>? GetPorts() => [.. Cases.Select(c => c.Label), "Default"];

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var mode = await context.EvaluateAsync(Mode, SwitchMode.MatchFirst);
        var matches = new List<string>();
        foreach (var @case in Cases)
        {
            var value = @case.Condition is null ? null : await context.EvaluateAsync(@case.Condition);
            if (ValueConverter.Convert<bool>(value))
            {
                matches.Add(@case.Label);
                if (mode == SwitchMode.MatchFirst)
                    break;
            }
        }
        context.Complete(matches.Count > 0 ? matches : ["Default"]);
    }

    public override void Validate(DefinitionValidationContext context)
    {
        for (var i = 0; i < Cases.Count; i++)
        {
            if (Cases[i].Condition is { IsSupported: false } expression)
                context.Add(this, DefinitionProblem.UnsupportedExpression, $"cases[{i}].condition",
                    $"活动“{DisplayName}”的分支“{Cases[i].Label}”使用了不支持的表达式类型“{expression.Type}”。");
        }
    }

    static List<SwitchCase> ReadCases(JsonNode? node)
    {
        if (node is JsonObject wrapper && wrapper["expression"]?["value"] is JsonValue text && text.TryGetValue<string>(out var json))
            node = JsonNode.Parse(json);
        if (node is not JsonArray array)
            return [];
        return array.OfType<JsonObject>()
            .Select(c => new SwitchCase(c["label"]?.GetValue<string>() ?? "", Condition(c["condition"])))
            .ToList();
    }

    static Expression? Condition(JsonNode? node) => node switch
    {
        JsonObject o when o.ContainsKey("type") && !o.ContainsKey("expression") =>
            new Expression(o["type"]!.GetValue<string>(), o["value"]?.DeepClone()),
        _ => Expression.FromInputNode(node),
    };
}

public sealed record SwitchCase(string Label, Expression? Condition);

public enum SwitchMode
{
    MatchFirst,
    MatchAny,
}
