using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;

namespace Justice.Portal.Features.Designer;

/// <summary>
/// An activity input as the property panel edits it: the expression type (Literal, JavaScript, Liquid, CSharp; Object and
/// Variable as found) and its value. Written back in Elsa 3's wrapper <c>{typeName, expression: {type, value}}</c>,
/// keeping whatever else the wrapper held.
/// </summary>
public sealed record InputValue(string ExpressionType, JsonNode? Value)
{
    /// <summary>The variable a value names: a name or id, or an object with <c>id</c> and/or <c>name</c> (as the engine reads a Variable expression).</summary>
    public static string? VariableReference(JsonNode? value) => ExpressionEvaluator.VariableReference(value);

    /// <summary>The modes the panel offers; other expression types found in a definition are kept and shown as they are.</summary>
    public static readonly IReadOnlyList<string> Modes = [Expression.LiteralType, Expression.JavaScriptType, Expression.LiquidType, Expression.CSharpType];

    /// <summary>True when the value is a constant the type's editor can show (Literal, or Object written as JSON text).</summary>
    public bool IsConstant => ExpressionType is Expression.LiteralType or Expression.ObjectType or Expression.JsonType;

    /// <summary>The constant as JSON (an Object expression's text parsed); null when it is a script or unreadable.</summary>
    public JsonNode? Constant
    {
        get
        {
            if (ExpressionType == Expression.LiteralType)
                return Value;
            if (!IsConstant || Value is not JsonValue v || !v.TryGetValue<string>(out var text))
                return IsConstant ? Value : null;
            try
            {
                return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The value as text: a string as it is, anything else as compact JSON.</summary>
    public string Text => Value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Value.ToJsonString(DefinitionJson.CompactOptions),
    };

    /// <summary>Reads input <paramref name="name"/> of an activity; null when it is not set.</summary>
    public static InputValue? Read(JsonObject activity, string name)
    {
        var node = activity[name];
        if (node is JsonObject wrapper && wrapper.ContainsKey("expression"))
        {
            if (wrapper["expression"] is not JsonObject expression)
                return null;
            var type = expression["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : Expression.LiteralType;
            return new InputValue(type, expression["value"]?.DeepClone());
        }
        if (node is JsonObject onlyType && onlyType.All(p => p.Key is "typeName" or "memoryReference"))
            return null;
        return node is null ? null : new InputValue(Expression.LiteralType, node.DeepClone());
    }

    /// <summary>
    /// The JSON to store for this value, given what was there: a bare literal stays bare, a wrapper keeps its other
    /// keys, a new input gets the wrapper with the type name of <paramref name="valueType"/>.
    /// </summary>
    public JsonNode ToJson(JsonNode? existing, Type valueType)
    {
        var value = ExpressionType == Expression.ObjectType || ExpressionType == Expression.JsonType
            ? (JsonNode?)JsonValue.Create(Constant?.ToJsonString(DefinitionJson.CompactOptions) ?? Text)
            : Value?.DeepClone();
        if (existing is not JsonObject && existing is not null && ExpressionType == Expression.LiteralType)
            return value ?? JsonValue.Create("")!;
        var wrapper = existing is JsonObject o && (o.ContainsKey("expression") || o.ContainsKey("typeName"))
            ? (JsonObject)o.DeepClone()
            : new JsonObject { ["typeName"] = TypeNameOf(valueType) };
        wrapper["expression"] = new JsonObject { ["type"] = ExpressionType, ["value"] = value };
        return wrapper;
    }

    /// <summary>A constant value kept in the expression type it had (Object stays JSON text), or as a Literal.</summary>
    public static InputValue FromConstant(InputValue? previous, JsonNode? constant) =>
        previous is { IsConstant: true } p && p.ExpressionType != Expression.LiteralType
            ? new InputValue(p.ExpressionType, JsonValue.Create(constant?.ToJsonString(DefinitionJson.CompactOptions) ?? ""))
            : new InputValue(Expression.LiteralType, constant?.DeepClone());

    /// <summary>The syntax error of a JavaScript (Jint), Liquid (Fluid) or C# (Roslyn) expression, as the validator reports it; null when it parses.</summary>
    public static string? CheckSyntax(string expressionType, string text) => expressionType switch
    {
        Expression.JavaScriptType => JavaScriptEvaluator.CheckSyntax(text),
        Expression.LiquidType => LiquidEvaluator.CheckSyntax(text),
        Expression.CSharpType => CSharpEvaluator.CheckSyntax(text),
        _ => null,
    };

    /// <summary>The Elsa type name alias of an input's declared type (<c>String</c>, <c>Int32</c>, <c>String[]</c>, <c>Object</c> ...).</summary>
    public static string TypeNameOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
            return TypeNameOf(type.GetElementType()!) + "[]";
        if (type.IsEnum)
            return "String";
        return type switch
        {
            _ when type == typeof(string) => "String",
            _ when type == typeof(int) => "Int32",
            _ when type == typeof(long) => "Int64",
            _ when type == typeof(decimal) => "Decimal",
            _ when type == typeof(double) || type == typeof(float) => "Double",
            _ when type == typeof(bool) => "Boolean",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "DateTime",
            _ when type == typeof(TimeSpan) => "TimeSpan",
            _ => "Object",
        };
    }
}
