using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;

namespace Justice.Workflows.Activities.Http;

/// <summary>The value of an input that is written in the definition itself (a literal or an object), without running the instance.</summary>
internal static class StaticInput
{
    /// <summary>False when the input is an expression evaluated at run time (a script, a variable).</summary>
    public static bool TryGet<T>(Input<T>? input, out T? value)
    {
        value = default;
        if (input is null)
            return true;
        var expression = input.Expression;
        JsonNode? json;
        if (expression.Type == Expression.LiteralType)
            json = expression.Value;
        else if (expression.Type is Expression.ObjectType or Expression.JsonType)
            json = expression.Value is JsonValue v && v.TryGetValue<string>(out var text) ? string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) : expression.Value;
        else
            return false;
        try
        {
            value = ValueConverter.Convert<T>(json);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
