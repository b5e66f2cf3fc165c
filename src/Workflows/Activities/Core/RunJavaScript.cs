using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Runs a script; it may choose outcomes with <c>setOutcome(s)</c> among <c>possibleOutcomes</c>.</summary>
[Activity("Elsa", "RunJavaScript", Category = "脚本", DisplayName = "运行脚本", Description = "运行 JavaScript；可用 setOutcome 选择出口。")]
public sealed class RunJavaScript : Activity
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
        var result = await context.EvaluateAsync(new Expression(Expression.JavaScriptType, System.Text.Json.Nodes.JsonValue.Create(script)));
        context.SetOutput(Result, "result", result);
        context.Complete(context.ScriptOutcomes ?? ["Done"]);
    }

    public override void Validate(DefinitionValidationContext context)
    {
        if (Script?.Expression.Type == Expression.LiteralType && JavaScriptEvaluator.CheckSyntax(Script.Expression.Text) is { } error)
            context.Add(this, DefinitionProblem.InvalidInput, "script", $"活动“{DisplayName}”的脚本有语法错误：{error}");
    }
}
