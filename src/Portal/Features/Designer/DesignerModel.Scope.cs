using System.Text.Json.Nodes;

namespace Justice.Portal.Features.Designer;

/// <summary>One step into a nested structure: the slot <see cref="Slot"/> (<c>body</c>, <c>then</c>, <c>cases[0]</c> …) of the activity <see cref="ActivityId"/>.</summary>
public sealed record DesignerScopeStep(string ActivityId, string Slot);

/// <summary>One place of the breadcrumb below the root: the slot opened and the activity it belongs to.</summary>
public sealed record DesignerCrumb(int Depth, string OwnerName, DesignerSlot Slot);

/// <summary>
/// Where the designer is inside the definition: the root, or a flowchart or structured activity held in a slot of a
/// structured activity (Elsa Studio's embedded ports), reached by a path of steps. Every edit works on the flowchart
/// of the current scope; saving always writes the whole document.
/// </summary>
public sealed partial class DesignerModel
{
    readonly List<DesignerScopeStep> _scope = [];

    /// <summary>The steps from the root to what is shown now; empty at the root.</summary>
    public IReadOnlyList<DesignerScopeStep> Scope => _scope;

    /// <summary>The activity shown now: the root activity, or the child in the slot of the last step.</summary>
    public JsonObject ScopeActivity => Resolve(_scope) ?? DocumentRoot;

    /// <summary>The id of the activity shown now.</summary>
    public string ScopeActivityId => Text(ScopeActivity["id"]) ?? "";

    /// <summary>The type of the activity shown now.</summary>
    public string ScopeType => Text(ScopeActivity["type"]) ?? "";

    /// <summary>The activity shown now is a structured activity: its slots are shown, not a canvas.</summary>
    public bool IsContainerScope => DesignerSlots.IsContainer(ScopeActivity);

    /// <summary>The name of the activity shown now (as a person reads it).</summary>
    public string ScopeName => DisplayNameOf(ScopeActivity, _registry.Find(ScopeType));

    /// <summary>The slots of the activity shown now, when it is a structured activity.</summary>
    public IReadOnlyList<DesignerSlot> ScopeSlots => DesignerSlots.Of(ScopeActivity);

    /// <summary>The slots of an activity of the current flowchart (none for one that holds no children).</summary>
    public IReadOnlyList<DesignerSlot> SlotsOf(string activityId) => Find(activityId) is { } node ? DesignerSlots.Of(node.Json) : [];

    /// <summary>The breadcrumb below the root: each slot opened on the way, with the name of its activity.</summary>
    public IReadOnlyList<DesignerCrumb> Breadcrumb
    {
        get
        {
            var crumbs = new List<DesignerCrumb>();
            var current = DocumentRoot;
            for (var i = 0; i < _scope.Count; i++)
            {
                if (Owner(current, _scope[i].ActivityId) is not { } owner || DesignerSlots.Find(owner, _scope[i].Slot) is not { Child: { } child } slot)
                    break;
                crumbs.Add(new DesignerCrumb(i + 1, DisplayNameOf(owner, _registry.Find(Text(owner["type"]) ?? "")), slot));
                current = child;
            }
            return crumbs;
        }
    }

    /// <summary>
    /// Opens a slot of <paramref name="activityId"/> (an activity of the current flowchart, or the structured activity
    /// shown now). An empty single slot gets a new empty flowchart first, as in Elsa Studio: that is an edit, one undo
    /// step; opening anything else changes nothing in the JSON. False when the slot cannot be opened.
    /// </summary>
    public bool Open(string activityId, string slotKey)
    {
        var scope = ScopeActivity;
        var owner = Text(scope["id"]) == activityId && IsContainerScope ? scope : Find(activityId)?.Json;
        if (owner is null || DesignerSlots.Find(owner, slotKey) is not { CanOpen: true } slot)
            return false;
        if (slot.IsEmpty)
        {
            var flowchart = new JsonObject
            {
                ["id"] = FreeId($"{activityId}-{slotKey.Replace("[", "").Replace("]", "")}"),
                ["type"] = FlowchartType,
                ["version"] = 1,
                ["customProperties"] = new JsonObject(),
                ["metadata"] = new JsonObject(),
                ["variables"] = new JsonArray(),
                ["activities"] = new JsonArray(),
                ["connections"] = new JsonArray(),
            };
            Change($"为“{DisplayNameOf(owner, _registry.Find(Text(owner["type"]) ?? ""))}”新建流程图", () => DesignerSlots.Fill(owner, slot, flowchart), compile: true);
        }
        _scope.Add(new DesignerScopeStep(activityId, slotKey));
        ScopeChanged();
        return true;
    }

    /// <summary>Goes back up to the scope at <paramref name="depth"/> steps from the root (0: the root).</summary>
    public void GoTo(int depth)
    {
        if (depth < 0 || depth >= _scope.Count)
            return;
        _scope.RemoveRange(depth, _scope.Count - depth);
        ScopeChanged();
    }

    /// <summary>Opens the scope where the activity is drawn (for a problem of a nested activity); false when it is not in the definition.</summary>
    public bool Reveal(string activityId)
    {
        if (Find(activityId) is not null)
            return true;
        if (PathTo(activityId) is not { } path)
            return false;
        _scope.Clear();
        _scope.AddRange(path);
        ScopeChanged();
        return true;
    }

    /// <summary>The name of any activity of the definition, nested ones included; the id when there is none.</summary>
    public string NameOfActivity(string activityId) =>
        Find(activityId)?.Name ?? (Everything(DocumentRoot).FirstOrDefault(a => Text(a["id"]) == activityId) is { } json
            ? DisplayNameOf(json, _registry.Find(Text(json["type"]) ?? ""))
            : activityId);

    /// <summary>The id itself when no activity has it, else the first numbered one free.</summary>
    string FreeId(string id)
    {
        var taken = TakenIds();
        return taken.Contains(id) ? UniqueId(id, taken) : id;
    }

    void ScopeChanged()
    {
        Selection.Clear();
        Revision++;
        Refresh(compile: false);
        Changed?.Invoke();
    }

    /// <summary>After an undo or redo the path may lead nowhere (the slot's flowchart was undone): it is cut where it ends.</summary>
    void TrimScope()
    {
        while (_scope.Count > 0 && Resolve(_scope) is null)
            _scope.RemoveAt(_scope.Count - 1);
    }

    JsonObject DocumentRoot => _document["root"] as JsonObject ?? [];

    JsonObject? Resolve(IReadOnlyList<DesignerScopeStep> path)
    {
        var current = DocumentRoot;
        foreach (var step in path)
        {
            if (Owner(current, step.ActivityId) is not { } owner || DesignerSlots.Find(owner, step.Slot)?.Child is not { } child)
                return null;
            current = child;
        }
        return current;
    }

    /// <summary>The activity a step starts from: the structured activity shown, or an activity of the flowchart shown.</summary>
    static JsonObject? Owner(JsonObject shown, string activityId) =>
        Text(shown["type"]) == FlowchartType
            ? (shown["activities"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => Text(a["id"]) == activityId)
            : Text(shown["id"]) == activityId ? shown : null;

    /// <summary>The path to the scope that shows <paramref name="activityId"/>: the flowchart it is on, or the structured activity that holds it or is it.</summary>
    List<DesignerScopeStep>? PathTo(string activityId)
    {
        return Search(DocumentRoot, []);

        List<DesignerScopeStep>? Search(JsonObject shown, List<DesignerScopeStep> path)
        {
            if (Text(shown["id"]) == activityId)
                return path;
            if (Text(shown["type"]) == FlowchartType)
            {
                foreach (var activity in (shown["activities"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (Text(activity["id"]) == activityId)
                        return path;
                    if (Into(activity, path) is { } found)
                        return found;
                }
                return null;
            }
            return Into(shown, path);
        }

        List<DesignerScopeStep>? Into(JsonObject owner, List<DesignerScopeStep> path)
        {
            foreach (var slot in DesignerSlots.Of(owner).Where(s => s.Child is not null))
            {
                var inner = new List<DesignerScopeStep>(path) { new(Text(owner["id"]) ?? "", slot.Key) };
                if (slot.CanOpen && Search(slot.Child!, inner) is { } found)
                    return found;
                // A plain activity in a slot is shown with the structured activity that holds it.
                if (!slot.CanOpen && Text(slot.Child!["id"]) == activityId)
                    return path;
            }
            return null;
        }
    }

    /// <summary>The activity and every activity inside it, in flowcharts and in slots, at any depth.</summary>
    static IEnumerable<JsonObject> Everything(JsonObject activity)
    {
        yield return activity;
        foreach (var child in ChildrenOf(activity))
        {
            foreach (var inner in Everything(child))
                yield return inner;
        }
    }

    /// <summary>The activities directly inside an activity: a structured activity's slots, else a flowchart's (or any) <c>activities</c>.</summary>
    static IEnumerable<JsonObject> ChildrenOf(JsonObject activity) =>
        DesignerSlots.IsContainer(activity)
            ? DesignerSlots.Children(activity)
            : (activity["activities"] as JsonArray ?? []).OfType<JsonObject>();
}
