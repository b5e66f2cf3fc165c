using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Common;

namespace Justice.Workflows.Definitions;

/// <summary>
/// Reads and writes definition JSON exactly as Elsa 3 writes it: key order, unknown keys and designer
/// metadata are kept; only connections are normalised to the <c>{source:{activity,port}}</c> form.
/// </summary>
public static class DefinitionJson
{
    public static JsonSerializerOptions WriteOptions => WorkflowJson.Indented;

    public static JsonSerializerOptions CompactOptions => WorkflowJson.Compact;

    static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses definition text (a UTF-8 BOM is allowed). Returns null and a problem when it is not a definition.</summary>
    public static JsonObject? Parse(string text, out DefinitionProblem? problem)
    {
        problem = null;
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, NodeOptions, DocumentOptions);
        }
        catch (JsonException ex)
        {
            problem = new(DefinitionProblem.UnreadableJson, ex.Path ?? "$", null,
                $"定义不是有效的 JSON（第 {ex.LineNumber + 1} 行，第 {ex.BytePositionInLine + 1} 列）：{ex.Message}");
            return null;
        }
        if (node is not JsonObject obj)
        {
            problem = new(DefinitionProblem.UnreadableJson, "$", null, "定义必须是 JSON 对象。");
            return null;
        }
        if (obj["root"] is not JsonObject)
        {
            problem = new(DefinitionProblem.MissingRoot, "$.root", null, "定义缺少活动树 root。");
            return null;
        }
        Normalize(obj);
        return obj;
    }

    public static JsonObject? Parse(byte[] utf8, out DefinitionProblem? problem) =>
        Parse(Encoding.UTF8.GetString(utf8), out problem);

    /// <summary>Writes connections in the current form everywhere in the tree and moves nothing else.</summary>
    public static void Normalize(JsonObject definition)
    {
        if (definition["root"] is JsonObject root)
            NormalizeActivity(root);
    }

    static void NormalizeActivity(JsonObject activity)
    {
        if (activity["connections"] is JsonArray connections)
        {
            for (var i = 0; i < connections.Count; i++)
            {
                if (connections[i] is JsonObject c && IsLegacyConnection(c))
                    connections[i] = ToCurrentForm(c);
            }
        }
        if (activity["activities"] is JsonArray children)
        {
            foreach (var child in children.OfType<JsonObject>())
                NormalizeActivity(child);
        }
    }

    static bool IsLegacyConnection(JsonObject c) =>
        c["source"] is JsonValue || c["target"] is JsonValue || c.ContainsKey("sourcePort") || c.ContainsKey("targetPort");

    static JsonObject ToCurrentForm(JsonObject legacy)
    {
        var result = new JsonObject
        {
            ["source"] = new JsonObject
            {
                ["activity"] = legacy["source"]?.DeepClone(),
                ["port"] = legacy["sourcePort"]?.DeepClone() ?? "Done",
            },
            ["target"] = new JsonObject
            {
                ["activity"] = legacy["target"]?.DeepClone(),
                ["port"] = legacy["targetPort"]?.DeepClone() ?? "In",
            },
        };
        foreach (var (key, value) in legacy)
        {
            if (key is "source" or "target" or "sourcePort" or "targetPort")
                continue;
            result[key] = value?.DeepClone();
        }
        if (!result.ContainsKey("vertices"))
            result["vertices"] = new JsonArray();
        return result;
    }

    /// <summary>Sets a key, keeping its position when it already exists.</summary>
    public static void Set(JsonObject obj, string key, JsonNode? value)
    {
        obj[key] = value;
    }

    public static string Write(JsonNode node) => node.ToJsonString(WriteOptions);

    /// <summary>Structural equality of two JSON trees (object key order ignored, array order kept).</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
