using System.Globalization;
using System.Text.Json.Nodes;

namespace Justice.Portal.Features.Designer;

/// <summary>What a slot of a structured activity is, for its label: 循环体, 则, 否则, 分支 n, 第 n 步, 情形“label”, 默认.</summary>
public enum SlotKind
{
    Body,
    Then,
    Else,
    Branch,
    Step,
    Case,
    Default,
}

/// <summary>
/// One place of a structured activity that holds a child activity (Elsa's embedded ports): <see cref="Key"/> names it
/// in a scope path (<c>body</c>, <c>then</c>, <c>activities[0]</c>, <c>branches[1]</c>, <c>cases[0]</c>, <c>default</c>);
/// <see cref="Child"/> is the activity in it, null while it is empty.
/// </summary>
public sealed record DesignerSlot(string Key, SlotKind Kind, int Number, string? Label, JsonObject? Child)
{
    public bool IsEmpty => Child is null;

    public bool HoldsFlowchart => DesignerModel.Text(Child?["type"]) == DesignerModel.FlowchartType;

    /// <summary>Whether the designer can open it: empty (it gets a new flowchart), a flowchart, or a structured activity.</summary>
    public bool CanOpen => Child is null || HoldsFlowchart || DesignerSlots.IsContainer(Child);

    /// <summary>Only a single slot (not an item of a list) gets a new flowchart when it is opened empty.</summary>
    public bool IsSingle => Kind is SlotKind.Body or SlotKind.Then or SlotKind.Else or SlotKind.Case or SlotKind.Default;
}

/// <summary>Where Elsa's structured activities keep their children in the JSON, as the engine reads them (src/Workflows/Activities/Structured).</summary>
public static class DesignerSlots
{
    static readonly HashSet<string> Bodies = new(StringComparer.Ordinal) { "Elsa.While", "Elsa.For", "Elsa.ForEach", "Elsa.ParallelForEach", "Elsa.FlowNode" };

    /// <summary>True for an activity that holds children in slots (a flowchart holds them on its own canvas, not in slots).</summary>
    public static bool IsContainer(JsonObject? activity) => DesignerModel.Text(activity?["type"]) is { } type && IsContainerType(type);

    public static bool IsContainerType(string type) =>
        Bodies.Contains(type) || type is "Elsa.If" or "Elsa.Switch" or "Elsa.Sequence" or "Elsa.Parallel" or "Elsa.Fork";

    /// <summary>The activity's slots in the order the engine runs them; empty for any other activity.</summary>
    public static IReadOnlyList<DesignerSlot> Of(JsonObject activity)
    {
        var type = DesignerModel.Text(activity["type"]) ?? "";
        if (Bodies.Contains(type))
            return [Single(activity, "body", SlotKind.Body)];
        return type switch
        {
            "Elsa.If" => [Single(activity, "then", SlotKind.Then), Single(activity, "else", SlotKind.Else)],
            "Elsa.Sequence" => Many(activity, "activities", SlotKind.Step),
            "Elsa.Parallel" => Many(activity, "activities", SlotKind.Branch),
            "Elsa.Fork" => Many(activity, "branches", SlotKind.Branch),
            "Elsa.Switch" => [.. Cases(activity), Single(activity, "default", SlotKind.Default)],
            _ => [],
        };
    }

    /// <summary>The slot of <paramref name="activity"/> named <paramref name="key"/>; null when there is none.</summary>
    public static DesignerSlot? Find(JsonObject activity, string key) => Of(activity).FirstOrDefault(s => s.Key == key);

    /// <summary>Every activity held in the slots of <paramref name="activity"/> (not deeper).</summary>
    public static IEnumerable<JsonObject> Children(JsonObject activity) => Of(activity).Select(s => s.Child).OfType<JsonObject>();

    /// <summary>Puts <paramref name="child"/> into an empty single slot.</summary>
    public static void Fill(JsonObject activity, DesignerSlot slot, JsonObject child)
    {
        if (slot.Kind == SlotKind.Case && activity["cases"] is JsonArray cases && cases[slot.Number - 1] is JsonObject @case)
            @case["activity"] = child;
        else
            activity[slot.Key] = child;
    }

    static DesignerSlot Single(JsonObject activity, string key, SlotKind kind) => new(key, kind, 1, null, Activity(activity[key]));

    static List<DesignerSlot> Many(JsonObject activity, string key, SlotKind kind)
    {
        var result = new List<DesignerSlot>();
        if (activity[key] is not JsonArray array)
            return result;
        for (var i = 0; i < array.Count; i++)
        {
            if (Activity(array[i]) is { } child)
                result.Add(new DesignerSlot($"{key}[{i.ToString(CultureInfo.InvariantCulture)}]", kind, i + 1, null, child));
        }
        return result;
    }

    static IEnumerable<DesignerSlot> Cases(JsonObject activity)
    {
        if (activity["cases"] is not JsonArray cases)
            yield break;
        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i] is not JsonObject @case)
                continue;
            var label = DesignerModel.Text(@case["label"]) is { Length: > 0 } text ? text : (i + 1).ToString(CultureInfo.InvariantCulture);
            yield return new DesignerSlot($"cases[{i.ToString(CultureInfo.InvariantCulture)}]", SlotKind.Case, i + 1, label, Activity(@case["activity"]));
        }
    }

    /// <summary>An activity's JSON: an object with a type (Elsa writes <c>null</c> for an empty slot).</summary>
    static JsonObject? Activity(JsonNode? node) => node is JsonObject o && o["type"] is not null ? o : null;
}
