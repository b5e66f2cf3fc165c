using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Common;

namespace Justice.Workflows.Expressions;

/// <summary>
/// The size of a value as an instance stores it: its compact JSON in UTF-8, counted without writing it out and
/// only until it passes the limit, so that measuring a huge value costs no more than the limit.
/// </summary>
public static class ValueSize
{
    public const string TooLargeCode = "value-too-large";

    /// <summary>Whether the value's JSON is longer than <paramref name="maxBytes"/> (never when it is 0 or less).</summary>
    public static bool Exceeds(JsonNode? value, long maxBytes)
    {
        if (maxBytes <= 0)
            return false;
        var remaining = maxBytes;
        return !Fits(value, ref remaining);
    }

    /// <summary>"1 MB", "512 KB" or "100 字节", for messages.</summary>
    public static string Describe(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / 1024 / 1024} MB"
        : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KB"
        : $"{bytes} 字节";

    static bool Fits(JsonNode? node, ref long remaining)
    {
        switch (node)
        {
            case null:
                return (remaining -= 4) >= 0;
            case JsonObject obj:
                remaining -= 2 + Math.Max(0, obj.Count - 1);
                foreach (var (key, value) in obj)
                {
                    if ((remaining -= StringBytes(key, remaining) + 1) < 0 || !Fits(value, ref remaining))
                        return false;
                }
                return remaining >= 0;
            case JsonArray array:
                remaining -= 2 + Math.Max(0, array.Count - 1);
                foreach (var item in array)
                {
                    if (remaining < 0 || !Fits(item, ref remaining))
                        return false;
                }
                return remaining >= 0;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text):
                return (remaining -= StringBytes(text, remaining)) >= 0;
            default:
                return (remaining -= node.ToJsonString(WorkflowJson.Compact).Length) >= 0;
        }
    }

    /// <summary>A JSON string's bytes with its quotes and escapes; past <paramref name="budget"/> the exact count no longer matters.</summary>
    static long StringBytes(string text, long budget)
    {
        // Every character takes at least one byte: a string longer than the budget is too large without counting.
        if (text.Length > budget)
            return text.Length;
        long escapes = 0;
        foreach (var c in text)
        {
            if (c is '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t')
                escapes++;
            else if (c < ' ')
                escapes += 5;
        }
        return 2 + Encoding.UTF8.GetByteCount(text) + escapes;
    }
}
