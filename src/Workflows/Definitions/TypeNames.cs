using System.Text.Json.Nodes;

namespace Justice.Workflows.Definitions;

/// <summary>
/// Maps the <c>typeName</c>s of definitions (aliases such as <c>Int32</c>, <c>String[]</c>, <c>List&lt;String&gt;</c>,
/// or assembly-qualified .NET names) to the .NET types used for conversion.
/// </summary>
public static class TypeNames
{
    static readonly Dictionary<string, Type> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["String"] = typeof(string),
        ["Int32"] = typeof(int),
        ["Int64"] = typeof(long),
        ["Decimal"] = typeof(decimal),
        ["Double"] = typeof(double),
        ["Single"] = typeof(double),
        ["Boolean"] = typeof(bool),
        ["DateTime"] = typeof(DateTimeOffset),
        ["DateTimeOffset"] = typeof(DateTimeOffset),
        ["DateOnly"] = typeof(string),
        ["TimeSpan"] = typeof(TimeSpan),
        ["Guid"] = typeof(string),
        ["Object"] = typeof(object),
        ["JSON"] = typeof(JsonNode),
        ["JsonObject"] = typeof(JsonObject),
        ["JsonNode"] = typeof(JsonNode),
        ["ExpandoObject"] = typeof(JsonNode),
    };

    /// <summary>The .NET type for a type name; <see cref="object"/> for names this engine does not know (no conversion).</summary>
    public static Type Resolve(string? typeName, bool isArray = false)
    {
        var type = ResolveCore(typeName?.Trim());
        return isArray && !type.IsArray ? type.MakeArrayType() : type;
    }

    static Type ResolveCore(string? typeName)
    {
        if (string.IsNullOrEmpty(typeName))
            return typeof(object);
        if (typeName.EndsWith("[]", StringComparison.Ordinal))
            return ResolveCore(typeName[..^2]).MakeArrayType();
        var genericStart = typeName.IndexOf('<');
        if (genericStart > 0 && typeName.EndsWith('>'))
        {
            var outer = typeName[..genericStart];
            if (outer is "List" or "IList" or "IEnumerable" or "ICollection" or "IReadOnlyList" or "IReadOnlyCollection")
                return ResolveCore(typeName[(genericStart + 1)..^1]).MakeArrayType();
            return typeof(object);
        }
        // Assembly-qualified: "System.String, System.Private.CoreLib" or "Elsa...FlowJoinMode, Elsa.Workflows.Core".
        var simple = typeName.Split(',')[0].Trim();
        simple = simple[(simple.LastIndexOf('.') + 1)..];
        return Aliases.GetValueOrDefault(simple, typeof(object));
    }
}
