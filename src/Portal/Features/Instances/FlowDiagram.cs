using System.Text.Json.Nodes;
using Justice.Workflows.Activities;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Features.Instances;

/// <summary>
/// An activity as drawn; <paramref name="Opens"/>: a container (flowchart, structured activity, an iteration) the viewer
/// can open; <paramref name="Slot"/>: the slot of a structured activity it sits in; <paramref name="Iteration"/>: which
/// iteration of a ParallelForEach it is (from 1).
/// </summary>
public sealed record DiagramNode(string Id, string Type, string Name, double X, double Y, double Width, double Height, string State, int Executions,
    bool Opens = false, Designer.DesignerSlot? Slot = null, int? Iteration = null);

public sealed record DiagramEdge(string Source, string Port, string Target, bool Taken);

/// <summary>
/// A flowchart as drawn: nodes at their designer positions (or laid out left to right when a definition has none),
/// connections with their outcome ports, and, for an instance, each activity's state and the path taken.
/// </summary>
public sealed partial record FlowDiagram(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges, double Width, double Height)
{
    /// <summary>The containers from the root to the one drawn (empty for the root): id to open and name.</summary>
    public IReadOnlyList<(string Scope, string Name)> Trail { get; init; } = [];

    /// <summary>Every activity's name by id, nested ones included (set for an instance's diagram).</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    public const double NodeWidth = 200, NodeHeight = 60, Margin = 20;

    /// <summary>The flowchart of a definition, every activity <c>not-run</c>.</summary>
    public static FlowDiagram FromDefinition(JsonObject definition, ActivityRegistry activities) => Build(definition, activities, null, null);

    /// <summary>The flowchart of an instance's version with the instance's activity states and the connections it took.</summary>
    public static FlowDiagram FromInstance(JsonObject definition, ActivityRegistry activities, WorkflowState state, IReadOnlyList<JournalRecord> journal, string? scope = null) =>
        Build(definition, activities, state, journal, scope);

    static FlowDiagram Build(JsonObject definition, ActivityRegistry registry, WorkflowState? state, IReadOnlyList<JournalRecord>? journal, string? scope = null)
    {
        var root = definition["root"] as JsonObject ?? definition;
        var (container, suffix, trail) = FindScope(root, scope, registry);
        var (activities, ids, slots, connections) = Contents(container, suffix, state);

        // Outcomes each activity completed with (from the journal): a connection is taken when its port was one of them.
        var outcomes = new Dictionary<string, HashSet<string>>();
        foreach (var entry in journal ?? [])
        {
            if (entry.Event != JournalEvent.Completed)
                continue;
            var set = outcomes.TryGetValue(entry.ActivityId, out var s) ? s : outcomes[entry.ActivityId] = [];
            foreach (var o in (JsonNode.Parse(entry.OutcomesJson) as JsonArray ?? []).Select(o => o?.ToString()).OfType<string>())
                set.Add(o);
        }

        var positions = Positions(activities, ids, connections);
        var nodes = activities.Select((a, i) =>
        {
            var id = ids[i];
            var (x, y, w, h) = positions[id];
            var activityState = state?.Activities.GetValueOrDefault(id);
            return new DiagramNode(id, a["type"]?.GetValue<string>() ?? "", Designer.DesignerModel.DisplayNameOf(a, registry.Find(a["type"]?.GetValue<string>() ?? "")), x, y, w, h,
                activityState?.Status ?? "not-run", activityState?.Executions ?? 0, IsContainer(a), slots[i].Slot, slots[i].Iteration);
        }).ToList();
        var byId = nodes.ToDictionary(n => n.Id);
        // Taken: the source completed through this port and the target was reached (ran, or waits or faulted on its first run).
        static bool Reached(DiagramNode n) => n.Executions > 0 || n.State is ActivityState.Waiting or ActivityState.Faulted;
        var edges = connections.Where(c => byId.ContainsKey(c.Source) && byId.ContainsKey(c.Target))
            .Select(c => new DiagramEdge(c.Source, c.Port, c.Target, outcomes.GetValueOrDefault(c.Source)?.Contains(c.Port) == true && Reached(byId[c.Target])))
            .ToList();
        var width = nodes.Count == 0 ? 400 : nodes.Max(n => n.X + n.Width) + Margin * 2;
        var height = nodes.Count == 0 ? 120 : nodes.Max(n => n.Y + n.Height) + Margin * 2 + 30;
        return new FlowDiagram(nodes, edges, width, height) { Trail = trail };
    }

    /// <summary>Both connection forms of the format: <c>{source: {activity, port}, target: {activity}}</c> and <c>{source, sourcePort, target}</c>.</summary>
    static (string Source, string Port, string Target)? ReadConnection(JsonObject c)
    {
        if (c["source"] is JsonObject source && c["target"] is JsonObject target)
            return (source["activity"]?.GetValue<string>() ?? "", source["port"]?.GetValue<string>() ?? "Done", target["activity"]?.GetValue<string>() ?? "");
        if (c["source"] is JsonValue s && c["target"] is JsonValue t)
            return (s.GetValue<string>(), c["sourcePort"]?.GetValue<string>() ?? "Done", t.GetValue<string>());
        return null;
    }

    /// <summary>Designer positions when every activity has one; otherwise columns by longest path from the start, left to right.</summary>
    static Dictionary<string, (double X, double Y, double W, double H)> Positions(List<JsonObject> activities, List<string> ids, List<(string Source, string Port, string Target)> connections)
    {
        var result = new Dictionary<string, (double, double, double, double)>();
        var designed = activities.All(a => a["metadata"]?["designer"]?["position"] is JsonObject);
        if (designed)
        {
            for (var i = 0; i < activities.Count; i++)
            {
                var d = activities[i]["metadata"]!["designer"]!;
                var size = d["size"] as JsonObject;
                result[ids[i]] = ((Designer.DesignerModel.Number(d["position"]!["x"]) ?? 0) + Margin, (Designer.DesignerModel.Number(d["position"]!["y"]) ?? 0) + Margin,
                    Designer.DesignerModel.Number(size?["width"]) ?? NodeWidth, Designer.DesignerModel.Number(size?["height"]) ?? NodeHeight);
            }
            var minX = result.Values.Min(v => v.Item1) - Margin;
            var minY = result.Values.Min(v => v.Item2) - Margin;
            foreach (var id in ids)
                result[id] = (result[id].Item1 - minX, result[id].Item2 - minY, result[id].Item3, result[id].Item4);
            return result;
        }

        // Laid out as the designer lays out a definition without positions, so that both show the same picture.
        var arranged = Designer.FlowLayout.Arrange(ids.Select(id => new Designer.FlowLayout.Box(id, NodeWidth, NodeHeight)).ToList(),
            connections.Select(c => (c.Source, c.Target)));
        foreach (var id in ids)
        {
            var (x, y) = arranged.GetValueOrDefault(id);
            result[id] = (Margin + x, Margin + y, NodeWidth, NodeHeight);
        }
        return result;
    }
}

/// <summary>Loads what a diagram needs: the instance, the definition version it runs on, its journal.</summary>
public sealed class DiagramLoader(IInstanceQueries instances, IWorkflowDefinitionStore definitions, ActivityRegistry activities)
{
    public async Task<(WorkflowInstanceRecord Instance, WorkflowDefinitionRecord Version, FlowDiagram Diagram, IReadOnlyList<JournalRecord> Journal)?> LoadAsync(string instanceId,
        CancellationToken cancellationToken = default, string? scope = null)
    {
        var instance = await instances.FindAsync(instanceId, cancellationToken);
        if (instance is null)
            return null;
        var version = await definitions.FindByVersionIdAsync(instance.DefinitionVersionId, cancellationToken);
        if (version is null || JsonNode.Parse(version.Json) is not JsonObject json)
            return null;
        var journal = await instances.GetJournalAsync(instanceId, cancellationToken);
        return (instance, version, FlowDiagram.FromInstance(json, activities, WorkflowState.Deserialize(instance.StateJson), journal, scope)
            with { Names = FlowDiagram.NamesOf(json, activities) }, journal);
    }
}
