using System.Text.Json;
using System.Text.Json.Nodes;

namespace Justice.Workflows.Expressions;

/// <summary>
/// Evaluates the expression types of the format (Literal, Object/Json, Variable, JavaScript, Liquid, CSharp) to JSON;
/// a result larger than <see cref="ScriptLimits.MaxValueBytes"/> fails the expression.
/// </summary>
public sealed class ExpressionEvaluator(JavaScriptEvaluator javaScript, LiquidEvaluator liquid, CSharpEvaluator csharp, ScriptLimits limits)
{
    public async ValueTask<JsonNode?> EvaluateAsync(Expression expression, IExpressionContext context, CancellationToken cancellationToken = default)
    {
        var result = await EvaluateCoreAsync(expression, context, cancellationToken);
        if (ValueSize.Exceeds(result, limits.MaxValueBytes))
            throw new ExpressionException($"{expression.Type} 表达式的值超出大小上限（{ValueSize.Describe(limits.MaxValueBytes)}）。", code: ValueSize.TooLargeCode);
        return result;
    }

    async ValueTask<JsonNode?> EvaluateCoreAsync(Expression expression, IExpressionContext context, CancellationToken cancellationToken)
    {
        switch (expression.Type)
        {
            case Expression.LiteralType:
                return expression.Value?.DeepClone();
            case Expression.ObjectType or Expression.JsonType:
                return expression.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? ParseObject(v.GetValue<string>())
                    : expression.Value?.DeepClone();
            case Expression.VariableType:
                var reference = VariableReference(expression.Value);
                return reference is null ? null : context.GetVariable(reference)?.DeepClone();
            case Expression.JavaScriptType:
                return javaScript.Evaluate(expression.Text, context);
            case Expression.CSharpType:
                return await csharp.EvaluateAsync(expression.Text, context, cancellationToken);
            case Expression.LiquidType:
                return JsonValue.Create(await liquid.RenderAsync(expression.Text, context, cancellationToken));
            default:
                throw new ExpressionException($"不支持的表达式类型“{expression.Type}”。");
        }
    }

    static JsonNode? ParseObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new ExpressionException($"Object 表达式不是有效的 JSON：{ex.Message}", ex);
        }
    }

    /// <summary>A variable reference is a name or id, or an object with <c>id</c> and/or <c>name</c>.</summary>
    public static string? VariableReference(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject o => (o["id"] as JsonValue)?.ToString() ?? (o["name"] as JsonValue)?.ToString(),
        _ => null,
    };
}
