using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;

namespace Justice.Portal.Features.Designer;

/// <summary>Why a workflow input text was refused: not JSON (where), or JSON that is not an object.</summary>
public sealed record WorkflowInputError(WorkflowInputError.Kinds Kind, long Line = 0, long Column = 0)
{
    public enum Kinds
    {
        NotJson,
        NotAnObject,
        DuplicateKey,
    }
}

/// <summary>The input an instance starts with, typed in as a JSON object (the API's <c>execute</c> takes the same).</summary>
public static class WorkflowInput
{
    /// <summary>An object with one key per declared input (the definition's <c>inputs[]</c>), each with an empty value of its type.</summary>
    public static string Template(JsonNode? inputs)
    {
        var result = new JsonObject();
        foreach (var input in (inputs as JsonArray ?? []).OfType<JsonObject>())
        {
            if (DesignerModel.Text(input["name"]) is { Length: > 0 } name && !result.ContainsKey(name))
                result[name] = EmptyValue(DesignerModel.Text(input["type"]) ?? DesignerModel.Text(input["typeName"]), input["isArray"]);
        }
        return DefinitionJson.Write(result);
    }

    static JsonNode? EmptyValue(string? type, JsonNode? isArray)
    {
        if ((isArray is JsonValue flag && flag.TryGetValue<bool>(out var array) && array) || type?.EndsWith("[]", StringComparison.Ordinal) == true)
            return new JsonArray();
        return type switch
        {
            "String" => "",
            "Int32" or "Int64" or "Decimal" or "Double" => 0,
            "Boolean" => false,
            "Object" or "JSON" => new JsonObject(),
            _ => null,
        };
    }

    /// <summary>Reads the text as the input object; an empty text is no input (an empty object). Null with the error when it is not a JSON object.</summary>
    public static JsonObject? Parse(string? text, out WorkflowInputError? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return [];
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex) when (ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            error = new(WorkflowInputError.Kinds.DuplicateKey, (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1);
            return null;
        }
        catch (JsonException ex)
        {
            error = new(WorkflowInputError.Kinds.NotJson, (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1);
            return null;
        }
        if (node is not JsonObject input)
        {
            error = new(WorkflowInputError.Kinds.NotAnObject);
            return null;
        }
        return input;
    }
}
