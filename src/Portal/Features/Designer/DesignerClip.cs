using System.Text.Json.Nodes;

namespace Justice.Portal.Features.Designer;

/// <summary>
/// Copied activities as JSON, with the connections that run between them. It is a copy: pasting clones it again,
/// so one clip can be pasted many times and into another definition. As text (<see cref="ToJson"/>) it travels
/// through the browser's storage to the designer in another tab.
/// </summary>
public sealed class DesignerClip
{
    const string Format = "justice-designer-clip/1";

    internal DesignerClip(IReadOnlyList<JsonObject> activities, IReadOnlyList<JsonObject> connections)
    {
        Activities = activities;
        Connections = connections;
    }

    internal IReadOnlyList<JsonObject> Activities { get; }

    internal IReadOnlyList<JsonObject> Connections { get; }

    public int ActivityCount => Activities.Count;

    public int ConnectionCount => Connections.Count;

    public string ToJson() => new JsonObject
    {
        ["format"] = Format,
        ["activities"] = new JsonArray([.. Activities.Select(a => a.DeepClone())]),
        ["connections"] = new JsonArray([.. Connections.Select(c => c.DeepClone())]),
    }.ToJsonString();

    /// <summary>A clip written by <see cref="ToJson"/>; null for anything else (other text, activities without id or type).</summary>
    public static DesignerClip? FromJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            if (JsonNode.Parse(text) is not JsonObject clip || DesignerModel.Text(clip["format"]) != Format || clip["activities"] is not JsonArray activities)
                return null;
            var copied = activities.OfType<JsonObject>().Where(a => DesignerModel.Text(a["id"]) is { Length: > 0 } && DesignerModel.Text(a["type"]) is { Length: > 0 }).ToList();
            if (copied.Count == 0 || copied.Count != activities.Count)
                return null;
            var connections = (clip["connections"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            return new DesignerClip([.. copied.Select(a => (JsonObject)a.DeepClone())], [.. connections.Select(c => (JsonObject)c.DeepClone())]);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
