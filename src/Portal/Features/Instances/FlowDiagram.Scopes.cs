using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Portal.Features.Instances;

/// <summary>
/// Containers: a nested flowchart or a structured activity (Sequence, If, ForEach…) is drawn as a node that opens
/// its own diagram; a ParallelForEach opens on its iterations, each an instance-only copy of the body whose ids carry
/// the iteration's suffix (<c>#0</c>, <c>#1</c>…), so that each iteration's path shows apart.
/// </summary>
public sealed partial record FlowDiagram
{
    static bool IsFlowchart(JsonObject node) => Text(node["type"]) == Designer.DesignerModel.FlowchartType;

    static bool IsContainer(JsonObject node) => IsFlowchart(node) || Designer.DesignerSlots.IsContainer(node);

    /// <summary>The activities a container holds: a flowchart's nodes, a structured activity's filled slots.</summary>
    static IEnumerable<JsonObject> Inner(JsonObject node) =>
        IsFlowchart(node) ? (node["activities"] as JsonArray ?? []).OfType<JsonObject>() : Designer.DesignerSlots.Children(node);

    /// <summary>
    /// The container to draw: the root, or the activity whose id (with an iteration's suffixes, if any) is
    /// <paramref name="scope"/>; with the trail of containers leading to it.
    /// </summary>
    static (JsonObject Container, string Suffix, IReadOnlyList<(string Scope, string Name)> Trail) FindScope(JsonObject root, string? scope, ActivityRegistry registry)
    {
        if (string.IsNullOrEmpty(scope))
            return (root, "", []);
        var baseId = WorkflowModel.DefinitionIdOf(scope);
        var suffix = scope[baseId.Length..];
        var path = new List<JsonObject>();
        if (!Find(root, baseId, path))
            return (root, "", []);
        // Each container on the way is opened with as many iteration suffixes as ParallelForEach bodies lie above it.
        var trail = new List<(string, string)>();
        var depth = 0;
        var parts = suffix.Split('#', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < path.Count; i++)
        {
            var node = path[i];
            var owner = path[i - 1];
            if (Text(owner["type"]) == "Elsa.ParallelForEach" && ReferenceEquals(owner["body"], node))
                depth++;
            var own = string.Concat(parts.Take(depth).Select(p => "#" + p));
            var name = Designer.DesignerModel.DisplayNameOf(node, registry.Find(Text(node["type"]) ?? ""));
            trail.Add((Text(node["id"]) + own, depth > 0 && ReferenceEquals(owner["body"], node) && Text(owner["type"]) == "Elsa.ParallelForEach" ? $"{name} #{parts[depth - 1]}" : name));
        }
        return (path[^1], suffix, trail);
    }

    static bool Find(JsonObject node, string id, List<JsonObject> path)
    {
        path.Add(node);
        if (Text(node["id"]) == id)
            return true;
        foreach (var child in Inner(node))
        {
            if (Find(child, id, path))
                return true;
        }
        path.RemoveAt(path.Count - 1);
        return false;
    }

    /// <summary>What a container shows: a flowchart its activities and connections; a structured activity its children (a sequence chained).</summary>
    static (List<JsonObject> Activities, List<string> Ids, List<(Designer.DesignerSlot? Slot, int? Iteration)> Slots, List<(string Source, string Port, string Target)> Connections) Contents(
        JsonObject container, string suffix, WorkflowState? state)
    {
        if (IsFlowchart(container) || Text(container["type"]) is null)
        {
            var activities = (container["activities"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var connections = (container["connections"] as JsonArray ?? []).OfType<JsonObject>().Select(ReadConnection).Where(c => c is not null)
                .Select(c => (c!.Value.Source + suffix, c.Value.Port, c.Value.Target + suffix)).ToList();
            return (activities, [.. activities.Select(a => (Text(a["id"]) ?? "") + suffix)], [.. activities.Select(_ => ((Designer.DesignerSlot?)null, (int?)null))], connections);
        }
        var children = new List<(JsonObject Node, string Id, (Designer.DesignerSlot? Slot, int? Iteration) Where)>();
        var containerId = Text(container["id"]) + suffix;
        if (Text(container["type"]) == "Elsa.ParallelForEach" && container["body"] is JsonObject body
            && state?.Expansions?.FirstOrDefault(e => e.OwnerId == containerId) is { } expansion)
        {
            for (var k = 0; k < expansion.Count; k++)
                children.Add((body, Text(body["id"]) + suffix + WorkflowModel.IterationSuffix(k), (null, k + 1)));
        }
        else
        {
            children.AddRange(Designer.DesignerSlots.Of(container).Where(slot => slot.Child is not null)
                .Select(slot => (slot.Child!, Text(slot.Child!["id"]) + suffix, ((Designer.DesignerSlot?)slot, (int?)null))));
        }
        // Laid out afresh (iterations share one body and its position): without designer positions.
        var nodes = children.Select(c =>
        {
            var copy = (JsonObject)c.Node.DeepClone();
            copy.Remove("metadata");
            return copy;
        }).ToList();
        var chain = new List<(string, string, string)>();
        if (Text(container["type"]) == "Elsa.Sequence")
        {
            for (var i = 1; i < children.Count; i++)
                chain.Add((children[i - 1].Id, "Done", children[i].Id));
        }
        return (nodes, [.. children.Select(c => c.Id)], [.. children.Select(c => c.Where)], chain);
    }

    /// <summary>Every activity's display name by id, nested ones included (the journal names activities anywhere in the tree).</summary>
    public static Dictionary<string, string> NamesOf(JsonObject definition, ActivityRegistry registry)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        void Visit(JsonObject node)
        {
            if (Text(node["id"]) is { } id && Text(node["type"]) is { } type)
                names.TryAdd(id, Designer.DesignerModel.DisplayNameOf(node, registry.Find(type)));
            foreach (var child in Inner(node))
                Visit(child);
        }
        if (definition["root"] is JsonObject root)
            Visit(root);
        return names;
    }

    /// <summary>The name of an activity of the instance: an iteration's copy is named after its activity with the iteration (<c>送达 #2</c>).</summary>
    public static string NameIn(IReadOnlyDictionary<string, string> names, string activityId)
    {
        if (names.TryGetValue(activityId, out var name))
            return name;
        var baseId = WorkflowModel.DefinitionIdOf(activityId);
        return names.TryGetValue(baseId, out var baseName) ? baseName + " " + activityId[baseId.Length..] : activityId;
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
