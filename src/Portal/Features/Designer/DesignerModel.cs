using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Justice.Workflows.Activities;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;

namespace Justice.Portal.Features.Designer;

/// <summary>
/// A definition open in the designer. The Elsa 3 JSON is the model: every edit changes it in place, so keys the
/// designer does not know (and their order) survive, and saving an unchanged definition gives back exactly what was
/// loaded. The canvas reads <see cref="Nodes"/> and <see cref="Edges"/>; the ports come from the activities' own
/// logic and the problems from the validator the API uses (<see cref="DefinitionCompiler"/>).
/// </summary>
public sealed partial class DesignerModel
{
    public const string FlowchartType = "Elsa.Flowchart";

    readonly ActivityRegistry _registry;
    readonly DefinitionCompiler _compiler;
    JsonObject _document;
    string _current;
    string _saved;
    WorkflowModel _compiled = null!;

    public DesignerModel(JsonObject document, ActivityRegistry registry, DefinitionCompiler compiler)
    {
        _registry = registry;
        _compiler = compiler;
        DefinitionJson.Normalize(document);
        _document = document;
        _current = _saved = Snapshot();
        Refresh(compile: true);
    }

    /// <summary>Reads definition text; null with the problem when it is not a definition.</summary>
    public static DesignerModel? Load(string text, ActivityRegistry registry, DefinitionCompiler compiler, out DefinitionProblem? problem)
    {
        var document = DefinitionJson.Parse(text, out problem);
        return document is null ? null : new DesignerModel(document, registry, compiler);
    }

    /// <summary>A new, empty flowchart in Elsa 3's shape (not saved until the designer saves it).</summary>
    public static DesignerModel CreateNew(string definitionId, string name, ActivityRegistry registry, DefinitionCompiler compiler)
    {
        var document = new JsonObject
        {
            ["$schema"] = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json",
            ["definitionId"] = definitionId,
            ["name"] = name,
            ["description"] = "",
            ["version"] = 1,
            ["toolVersion"] = "3.6.0.0",
            ["variables"] = new JsonArray(),
            ["inputs"] = new JsonArray(),
            ["outputs"] = new JsonArray(),
            ["outcomes"] = new JsonArray(),
            ["customProperties"] = new JsonObject(),
            ["options"] = new JsonObject { ["autoUpdateConsumingWorkflows"] = false },
            ["root"] = new JsonObject
            {
                ["id"] = $"{definitionId}-flow",
                ["type"] = FlowchartType,
                ["version"] = 1,
                ["name"] = name,
                ["metadata"] = new JsonObject(),
                ["customProperties"] = new JsonObject(),
                ["variables"] = new JsonArray(),
                ["activities"] = new JsonArray(),
                ["connections"] = new JsonArray(),
            },
        };
        var model = new DesignerModel(document, registry, compiler);
        model.IsNew = true;
        return model;
    }

    public ActivityRegistry Registry => _registry;

    /// <summary>The description of an activity type (name, category, inputs), if the registry knows it.</summary>
    public ActivityDescriptor? DescriptorOf(string type) => _registry.Find(type);

    /// <summary>Whether the activity type is one the registry knows (anything else dropped on the canvas is ignored).</summary>
    public bool Knows(string type) => _registry.Find(type) is not null;

    public DesignerSelection Selection { get; } = new();

    public DesignerHistory History { get; } = new();

    /// <summary>Not saved yet at all (a definition started with "new").</summary>
    public bool IsNew { get; private set; }

    /// <summary>Changed since it was loaded or last saved.</summary>
    public bool IsDirty => IsNew || _current != _saved;

    /// <summary>The saved state this editor started from (a save over someone else's later save is refused).</summary>
    public Justice.Workflows.Management.VersionStamp? BasedOn { get; set; }

    /// <summary>Counts edits, undos and redos; the page re-renders on change.</summary>
    public int Revision { get; private set; }

    public event Action? Changed;

    public string DefinitionId => Text(_document["definitionId"]) ?? "";

    public string Name => Text(_document["name"]) ?? DefinitionId;

    public string? Description => Text(_document["description"]);

    public int? Version => _document["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    public bool IsPublished => _document["isPublished"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>What is shown now is a flowchart (the designer edits flowcharts; a structured activity shows its slots; anything else is kept, not edited).</summary>
    public bool IsFlowchart => ScopeType == FlowchartType;

    /// <summary>The type of the definition's root activity.</summary>
    public string RootType => Text(DocumentRoot["type"]) ?? "";

    public IReadOnlyList<DesignerNode> Nodes { get; private set; } = [];

    public IReadOnlyList<DesignerEdge> Edges { get; private set; } = [];

    /// <summary>Every problem the validator finds, as the API would report it on import.</summary>
    public IReadOnlyList<DefinitionProblem> Problems => _compiled.Problems;

    /// <summary>True when the definition had no designer positions and is shown laid out left to right.</summary>
    public bool IsAutoLaidOut { get; private set; }

    /// <summary>Nodes by id, and problems by activity: rebuilt with the drawing, read on every render.</summary>
    Dictionary<string, DesignerNode> _byId = new(StringComparer.Ordinal);
    HashSet<string> _allIds = new(StringComparer.Ordinal);
    ILookup<string, DefinitionProblem> _problemsByActivity = Array.Empty<DefinitionProblem>().ToLookup(p => "");

    public DesignerNode? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    /// <summary>The definition's JSON as it would be saved (a copy).</summary>
    public JsonObject Export() => (JsonObject)_document.DeepClone();

    /// <summary>The definition's JSON text as saved: indented, key order kept.</summary>
    public string ToJson() => DefinitionJson.Write(_document);

    /// <summary>A read-only view of the document's top-level value (variables, inputs, outputs ...).</summary>
    public JsonNode? this[string key] => _document[key];

    /// <summary>The activity a problem is about: its activity id, or the activity its path points into.</summary>
    public string? ActivityOf(DefinitionProblem problem)
    {
        if (problem.ActivityId is { } id && (_byId.ContainsKey(id) || _allIds.Contains(id)))
            return id;
        if (problem.Path is { } path && ActivityPath().Match(path) is { Success: true } match
            && int.TryParse(match.Groups[1].Value, out var index) && DocumentRoot["activities"] is JsonArray activities
            && index < activities.Count && Text(activities[index]?["id"]) is { } found && _allIds.Contains(found))
            return found;
        return null;
    }

    public IReadOnlyList<DefinitionProblem> ProblemsOf(string activityId) => [.. _problemsByActivity[activityId]];

    /// <summary>After a save: takes the server-owned fields (version id, number, flags) without making an undo step.</summary>
    public void MarkSaved(JsonObject stored)
    {
        foreach (var key in new[] { "id", "version", "isLatest", "isPublished" })
        {
            if (stored[key] is { } value)
                _document[key] = value.DeepClone();
        }
        IsNew = false;
        _current = _saved = Snapshot();
        Revision++;
        Changed?.Invoke();
    }

    /// <summary>The extent of the drawing: left, top, right, bottom.</summary>
    public (double Left, double Top, double Right, double Bottom) Bounds => Nodes.Count == 0
        ? (0, 0, 0, 0)
        : (Nodes.Min(n => n.X), Nodes.Min(n => n.Y), Nodes.Max(n => n.Right), Nodes.Max(n => n.Bottom));

    /// <summary>The flowchart edited now: the root's, or the one in the slot opened (<see cref="ScopeActivity"/>).</summary>
    JsonObject Root => ScopeActivity;

    /// <summary>The activities drawn: the flowchart's (a structured activity shows its slots instead).</summary>
    IEnumerable<JsonObject> ActivityNodes => IsContainerScope ? [] : (Root["activities"] as JsonArray ?? []).OfType<JsonObject>();

    string Snapshot() => _document.ToJsonString();

    /// <summary>Rebuilds the drawing from the JSON; <paramref name="compile"/> re-runs validation and ports (not needed for moves).</summary>
    void Refresh(bool compile)
    {
        if (compile)
            _compiled = _compiler.Compile((JsonObject)_document.DeepClone());
        _allIds = Everything(DocumentRoot).Select(a => Text(a["id"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Edges = ReadEdges();
        var outgoing = Edges.ToLookup(e => e.Source, StringComparer.Ordinal);
        var activities = ActivityNodes.ToList();
        var drafts = activities.Select(a =>
        {
            var id = Text(a["id"]) ?? "";
            var type = Text(a["type"]) ?? "";
            var descriptor = _registry.FindBuiltIn(type) ?? _registry.Workflows.Resolve(a)?.Descriptor;
            var ports = PortsOf(id, descriptor, outgoing[id]);
            var size = a["metadata"]?["designer"]?["size"];
            var width = Math.Max(Number(size?["width"]) ?? NodeGeometry.DefaultWidth, 160);
            var height = Math.Max(Number(size?["height"]) ?? NodeGeometry.DefaultHeight, NodeGeometry.HeightFor(ports.Count, DesignerSlots.Of(a).Count));
            return (Json: a, Id: id, Type: type, Descriptor: descriptor, Ports: ports, Width: width, Height: height);
        }).ToList();

        IsAutoLaidOut = activities.Any(a => a["metadata"]?["designer"]?["position"] is not JsonObject);
        var layout = IsAutoLaidOut
            ? FlowLayout.Arrange(drafts.Select(d => new FlowLayout.Box(d.Id, d.Width, d.Height)).DistinctBy(b => b.Id).ToList(), Edges.Select(e => (e.Source, e.Target)))
            : null;
        Nodes = drafts.Select(d =>
        {
            var position = d.Json["metadata"]?["designer"]?["position"];
            var (x, y) = layout is not null ? layout.GetValueOrDefault(d.Id) : (Number(position?["x"]) ?? 0, Number(position?["y"]) ?? 0);
            return new DesignerNode(d.Id, d.Type, DisplayNameOf(d.Json, d.Descriptor), d.Descriptor, x, y, d.Width, d.Height, d.Ports, d.Json);
        }).ToList();
        _byId = new(StringComparer.Ordinal);
        foreach (var node in Nodes)
            _byId.TryAdd(node.Id, node);
        _problemsByActivity = Problems.Select(p => (Id: ActivityOf(p), Problem: p)).Where(x => x.Id is not null).ToLookup(x => x.Id!, x => x.Problem, StringComparer.Ordinal);
        Selection.Retain(Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal), Edges.Count);
    }

    /// <summary>The activity's ports as the engine sees them; when they are decided at run time, its declared outcomes. Ports used by connections are always drawn.</summary>
    List<string> PortsOf(string id, ActivityDescriptor? descriptor, IEnumerable<DesignerEdge> outgoing)
    {
        IReadOnlyCollection<string>? declared;
        try
        {
            declared = _compiled.Activities.GetValueOrDefault(id)?.GetPorts();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            declared = null;
        }
        var ports = (declared ?? descriptor?.Outcomes ?? ["Done"]).Distinct().ToList();
        foreach (var edge in outgoing.Where(e => !ports.Contains(e.Port)))
            ports.Add(edge.Port);
        return ports;
    }

    List<DesignerEdge> ReadEdges()
    {
        var result = new List<DesignerEdge>();
        var connections = IsContainerScope ? [] : Root["connections"] as JsonArray ?? [];
        for (var i = 0; i < connections.Count; i++)
        {
            if (connections[i] is JsonObject { } c && c["source"] is JsonObject source && c["target"] is JsonObject target)
                result.Add(new DesignerEdge(i, Text(source["activity"]) ?? "", Text(source["port"]) ?? "Done", Text(target["activity"]) ?? ""));
            // The import writes nested flowcharts' connections as they came: the older form too.
            else if (connections[i] is JsonObject { } legacy && Text(legacy["source"]) is { } from && Text(legacy["target"]) is { } to)
                result.Add(new DesignerEdge(i, from, Text(legacy["sourcePort"]) ?? "Done", to));
        }
        return result;
    }

    [GeneratedRegex(@"^\$\.root\.activities\[(\d+)\]")]
    private static partial Regex ActivityPath();

    /// <summary>How an activity is named on a canvas: its own name, else its display text, else its type's display name (Chinese), else the type.</summary>
    internal static string DisplayNameOf(JsonObject activity, ActivityDescriptor? descriptor) =>
        Text(activity["name"]) is { Length: > 0 } name ? name
        : Text(activity["metadata"]?["displayText"]) is { Length: > 0 } text ? text
        : descriptor?.DisplayName ?? (Text(activity["type"]) ?? "").Split('.').Last();

    internal static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static double? Number(JsonNode? node) =>
        node is JsonValue value && double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}
