using System.Text.Json.Nodes;

namespace Justice.Workflows.Runtime.Model;

/// <summary>
/// Elsa's log persistence modes: whether the value of an activity's input is kept in its journal entries.
/// <c>customProperties.logPersistenceMode</c> of the activity (<c>{default, inputs: {name: mode}}</c>) decides, then
/// the workflow's <c>customProperties.logPersistenceMode.default</c>; <c>Inherit</c> defers to the next; the last word is
/// <c>Include</c>. A party's personal data written by an activity can so be kept out of the journal.
/// </summary>
public static class LogPersistence
{
    public const string Include = "Include";
    public const string Exclude = "Exclude";

    /// <summary>Removes from <paramref name="data"/> the inputs of <paramref name="activity"/> its modes exclude.</summary>
    public static void Apply(WorkflowModel model, Activity activity, JsonObject data)
    {
        var own = activity.Node["customProperties"]?["logPersistenceMode"];
        var workflowDefault = Mode(model.Document["customProperties"]?["logPersistenceMode"]?["default"]);
        if (own is null && workflowDefault is null)
            return;
        foreach (var input in activity.Descriptor.Inputs)
        {
            if (!data.ContainsKey(input.Name))
                continue;
            var mode = Mode(own?["inputs"]?[input.Name]) ?? Mode(own?["default"]) ?? workflowDefault ?? Include;
            if (mode == Exclude)
                data.Remove(input.Name);
        }
    }

    static string? Mode(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var mode) && mode is Include or Exclude ? mode : null;
}
