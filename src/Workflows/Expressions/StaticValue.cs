namespace Justice.Workflows.Expressions;

/// <summary>Values known without running the workflow: literals and Object expressions (used to validate and to list ports).</summary>
public static class StaticValue
{
    public static bool IsStatic(Expression expression) =>
        expression.Type is Expression.LiteralType or Expression.ObjectType or Expression.JsonType;

    /// <summary>Converts a static input; false when the input is dynamic or absent. Throws <see cref="FormatException"/> when it cannot convert.</summary>
    public static bool TryGet<T>(Input<T>? input, out T? value)
    {
        value = default;
        if (input is null || !IsStatic(input.Expression))
            return false;
        var json = input.Expression.Type == Expression.LiteralType
            ? input.Expression.Value
            : input.Expression.Value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
                ? System.Text.Json.Nodes.JsonNode.Parse(text)
                : input.Expression.Value;
        value = ValueConverter.Convert<T>(json);
        return true;
    }
}
