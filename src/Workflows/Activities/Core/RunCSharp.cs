using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>
/// Runs a C# script (Elsa's <c>Elsa.RunCSharp</c>); it may choose outcomes with <c>Outcome.Set(...)</c> among
/// <c>possibleOutcomes</c>. Its value is the result output.
/// </summary>
[Activity("Elsa", "RunCSharp", Category = "脚本", DisplayName = "运行 C#", Description = "运行 C# 脚本（仅限允许的类型）；可用 Outcome.Set 选择出口。")]
public sealed class RunCSharp : Activity
{
    [Input(DisplayName = "脚本", UIHint = "code")]
    public Input<string>? Script { get; set; }

    [Input(DisplayName = "可能的出口", UIHint = "outcomes")]
    public Input<string[]>? PossibleOutcomes { get; set; }

    [Output(DisplayName = "结果")]
    public Output<object>? Result { get; set; }

    public override IReadOnlyCollection<string>? GetPorts()
    {
        try
        {
            return StaticValue.TryGet(PossibleOutcomes, out var outcomes) ? ["Done", .. outcomes ?? []] : PossibleOutcomes is null ? ["Done"] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        // The script input holds the script's text; it is run, not evaluated as an expression.
        var script = Script is null ? "" : Script.Expression.Type == Expression.LiteralType ? Script.Expression.Text : await context.EvaluateAsync(Script) ?? "";
        if (!string.IsNullOrWhiteSpace(script))
        {
            var result = await context.EvaluateAsync(new Expression(Expression.CSharpType, System.Text.Json.Nodes.JsonValue.Create(script)));
            context.SetOutput(Result, "result", result);
        }
        context.Complete(context.ScriptOutcomes ?? ["Done"]);
    }

    public override void Validate(DefinitionValidationContext context)
    {
        if (Script?.Expression.Type == Expression.LiteralType && !string.IsNullOrWhiteSpace(Script.Expression.Text))
            context.CheckCSharp(this, "script", Script.Expression.Text);
    }
}
