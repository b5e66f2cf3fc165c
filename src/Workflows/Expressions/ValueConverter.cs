using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Common;

namespace Justice.Workflows.Expressions;

/// <summary>Converts the JSON values that expressions produce into an input's declared .NET type, and back.</summary>
public static class ValueConverter
{
    public static T? Convert<T>(JsonNode? value) => (T?)Convert(value, typeof(T));

    /// <summary>Converts a value; throws <see cref="FormatException"/> with a readable message when it cannot.</summary>
    public static object? Convert(JsonNode? value, Type target)
    {
        if (target == typeof(JsonNode) || target == typeof(object))
            return value;
        if (value is null)
            return target.IsValueType && Nullable.GetUnderlyingType(target) is null ? Activator.CreateInstance(target) : null;

        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        try
        {
            return ConvertCore(value, underlying);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or JsonException or ArgumentException)
        {
            throw new FormatException($"值 {Describe(value)} 不能转换为 {FriendlyName(target)}。", ex);
        }
    }

    static object? ConvertCore(JsonNode value, Type target)
    {
        if (target == typeof(string))
            return value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString(WorkflowJson.Compact);
        if (target == typeof(JsonObject))
            return value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(s.GetValue<string>()) as JsonObject : value as JsonObject;
        if (target == typeof(JsonArray))
            return AsArray(value);
        if (target == typeof(bool))
            return value.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => bool.Parse(value.GetValue<string>().Trim()),
                JsonValueKind.Number => Number(value) != 0,
                _ => throw new FormatException(),
            };
        if (target == typeof(int)) return (int)ToDecimal(value);
        if (target == typeof(long)) return (long)ToDecimal(value);
        if (target == typeof(decimal)) return ToDecimal(value);
        if (target == typeof(double)) return (double)ToDecimal(value);
        if (target == typeof(DateTimeOffset))
            return DateTimeOffset.Parse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        if (target == typeof(DateTime))
            return DateTime.Parse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        if (target == typeof(TimeSpan))
            return value.GetValueKind() == JsonValueKind.Number
                ? TimeSpan.FromMilliseconds((double)Number(value))
                : TimeSpan.Parse(Text(value), CultureInfo.InvariantCulture);
        if (target.IsEnum)
        {
            if (value.GetValueKind() == JsonValueKind.Number)
                return Enum.ToObject(target, (int)Number(value));
            var text = Text(value);
            if (!Enum.TryParse(target, text, ignoreCase: true, out var parsed) || !Enum.IsDefined(target, parsed!))
                throw new FormatException();
            return parsed;
        }
        var elementType = ElementType(target);
        if (elementType is not null)
        {
            var array = AsArray(value) ?? throw new FormatException();
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            foreach (var item in array)
                list.Add(Convert(item, elementType));
            if (!target.IsArray)
                return list;
            var result = Array.CreateInstance(elementType, list.Count);
            list.CopyTo(result, 0);
            return result;
        }
        return value.Deserialize(target);
    }

    static JsonArray? AsArray(JsonNode value) => value switch
    {
        JsonArray a => a,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => ParseArrayText(v.GetValue<string>()),
        _ => null,
    };

    static JsonArray ParseArrayText(string text)
    {
        text = text.Trim();
        if (text.StartsWith('['))
            return JsonNode.Parse(text) as JsonArray ?? throw new FormatException();
        // A comma- or line-separated list, as designers write lists of names.
        var items = text.Split([',', '\n', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new JsonArray(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
    }

    static Type? ElementType(Type target)
    {
        if (target.IsArray)
            return target.GetElementType();
        if (target.IsGenericType && target.GetGenericTypeDefinition() is var g &&
            (g == typeof(List<>) || g == typeof(IList<>) || g == typeof(IReadOnlyList<>) || g == typeof(IEnumerable<>) || g == typeof(ICollection<>) || g == typeof(IReadOnlyCollection<>)))
            return target.GetGenericArguments()[0];
        return null;
    }

    static decimal ToDecimal(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => Number(value),
        JsonValueKind.String => decimal.Parse(value.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => throw new FormatException(),
    };

    /// <summary>A JSON number, whatever .NET type backs the node.</summary>
    public static decimal Number(JsonNode value) =>
        decimal.Parse(value.ToJsonString(WorkflowJson.Compact), NumberStyles.Float, CultureInfo.InvariantCulture);

    static string Text(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(WorkflowJson.Compact);

    /// <summary>Turns a .NET value into JSON for variables, outputs and the journal.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(m),
        DateTimeOffset t => JsonValue.Create(t),
        DateTime t => JsonValue.Create(t),
        TimeSpan t => JsonValue.Create(t.ToString("c", CultureInfo.InvariantCulture)),
        Enum e => JsonValue.Create(e.ToString()),
        _ => JsonSerializer.SerializeToNode(value),
    };

    /// <summary>Turns JSON into plain .NET values (dictionaries, lists, primitives) for template engines.</summary>
    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(v) is var n && n == decimal.Truncate(n) && Math.Abs(n) < long.MaxValue ? (long)n : n,
            _ => null,
        },
        _ => null,
    };

    static string Describe(JsonNode value)
    {
        var text = value.ToJsonString(DefinitionsJsonOptions);
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    static readonly JsonSerializerOptions DefinitionsJsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FriendlyName(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return "String";
        if (t == typeof(bool)) return "Boolean";
        if (t == typeof(int)) return "Int32";
        if (t == typeof(long)) return "Int64";
        if (t == typeof(decimal)) return "Decimal";
        if (t == typeof(double)) return "Double";
        if (t == typeof(TimeSpan)) return "TimeSpan";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "DateTime";
        if (t.IsEnum) return $"{t.Name}（{string.Join(" / ", Enum.GetNames(t))}）";
        if (ElementType(t) is { } e) return FriendlyName(e) + "[]";
        return t.Name;
    }
}
