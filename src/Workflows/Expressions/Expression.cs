using System.Text.Json.Nodes;
using Justice.Workflows.Common;

namespace Justice.Workflows.Expressions;

/// <summary>An expression as written in a definition: <c>{"type": "JavaScript", "value": "..."}</c>. A bare JSON value is a literal.</summary>
public sealed record Expression(string Type, JsonNode? Value)
{
    public const string LiteralType = "Literal";
    public const string ObjectType = "Object";
    public const string JsonType = "Json";
    public const string VariableType = "Variable";
    public const string JavaScriptType = "JavaScript";
    public const string LiquidType = "Liquid";
    public const string CSharpType = "CSharp";

    public static readonly IReadOnlySet<string> SupportedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        LiteralType, ObjectType, JsonType, VariableType, JavaScriptType, LiquidType, CSharpType,
    };

    public static Expression Literal(JsonNode? value) => new(LiteralType, value);

    /// <summary>The script or template text of a JavaScript, C# or Liquid expression.</summary>
    public string Text => Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : Value?.ToJsonString(WorkflowJson.Compact) ?? "";

    public bool IsSupported => SupportedTypes.Contains(Type);

    /// <summary>
    /// Reads an input property: null (absent), a bare literal, or the wrapper
    /// <c>{"typeName": ..., "expression": {"type", "value"}, "memoryReference": ...}</c>.
    /// </summary>
    public static Expression? FromInputNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj when obj.ContainsKey("expression"):
                if (obj["expression"] is not JsonObject expr)
                    return null;
                var type = expr["type"]?.GetValue<string>() ?? LiteralType;
                return new Expression(type, expr["value"]?.DeepClone());
            case JsonObject obj when obj.ContainsKey("typeName") && obj.All(p => p.Key is "typeName" or "memoryReference"):
                // A wrapper without an expression (e.g. only typeName and memoryReference): no value.
                return null;
            default:
                return Literal(node.DeepClone());
        }
    }
}
