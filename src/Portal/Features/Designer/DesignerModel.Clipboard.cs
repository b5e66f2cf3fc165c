using System.Text.Json.Nodes;

namespace Justice.Portal.Features.Designer;

/// <summary>Copy, cut and paste of the selected activities.</summary>
public sealed partial class DesignerModel
{
    /// <summary>How far a paste lands from the copied activities (further again while that place is taken).</summary>
    public const double PasteOffset = 40;

    /// <summary>The selected activities with the connections among them (connections to anything else stay behind); null when no activity is selected.</summary>
    public DesignerClip? Copy()
    {
        var ids = Selection.Activities.ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0)
            return null;
        var activities = Nodes.Where(n => ids.Contains(n.Id)).DistinctBy(n => n.Id).Select(n =>
        {
            var copy = (JsonObject)n.Json.DeepClone();
            // Shown with an automatic layout: the copy carries the place where it was seen.
            if (copy["metadata"]?["designer"]?["position"] is not JsonObject)
                SetDesigner(copy, n.X, n.Y, n.Width, n.Height);
            return copy;
        }).ToList();
        var connections = Edges.Where(e => ids.Contains(e.Source) && ids.Contains(e.Target))
            .Select(e => (JsonObject)Root["connections"]![e.Index]!.DeepClone()).ToList();
        return new DesignerClip(activities, connections);
    }

    /// <summary>Copies the selection, then removes it (with every connection touching it) in one undo step.</summary>
    public DesignerClip? Cut()
    {
        var clip = Copy();
        if (clip is not null)
            RemoveSelection("剪切");
        return clip;
    }

    /// <summary>
    /// Adds the clip's activities in one undo step, offset from where they were copied, with new unique ids (and names
    /// made unique the way added activities get theirs); their connections follow the new ids. Selects and returns the new ids.
    /// </summary>
    public IReadOnlyList<string> Paste(DesignerClip clip)
    {
        if (!IsFlowchart || clip.Activities.Count == 0)
            return [];
        var offset = FreePasteOffset(clip);
        var taken = TakenIds();
        var names = Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var pasted = new List<JsonObject>();
        var newIds = new List<string>();
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var original in clip.Activities)
        {
            var activity = (JsonObject)original.DeepClone();
            var oldId = Text(activity["id"]) ?? "";
            var newId = GiveNewIds(activity, taken);
            renamed.TryAdd(oldId, newId);
            newIds.Add(newId);
            if (Text(activity["name"]) is { Length: > 0 } name)
                activity["name"] = UniqueName(name, names);
            if (activity["metadata"]?["designer"]?["position"] is JsonObject position)
            {
                position["x"] = (Number(position["x"]) ?? 0) + offset;
                position["y"] = (Number(position["y"]) ?? 0) + offset;
            }
            pasted.Add(activity);
        }
        var connections = clip.Connections.Select(c =>
        {
            var connection = (JsonObject)c.DeepClone();
            Repoint(connection, renamed);
            return connection;
        }).ToList();

        Change(pasted.Count == 1 ? $"粘贴“{NameOf(pasted[0])}”" : $"粘贴 {pasted.Count} 个活动", () =>
        {
            if (Root["activities"] is not JsonArray activities)
                Root["activities"] = activities = [];
            foreach (var activity in pasted)
                activities.Add(activity);
            if (connections.Count > 0 && Root["connections"] is not JsonArray)
                Root["connections"] = new JsonArray();
            foreach (var connection in connections)
                ((JsonArray)Root["connections"]!).Add(connection);
        }, compile: true);
        Selection.SelectMany(newIds);
        return newIds;
    }

    string NameOf(JsonObject activity) => Text(activity["name"]) ?? _registry.Find(Text(activity["type"]) ?? "")?.DisplayName ?? Text(activity["id"]) ?? "";

    /// <summary>
    /// Gives a pasted activity a new id from its old one (<c>review</c> → <c>review1</c>, <c>userTask1</c> → <c>userTask2</c>),
    /// and new ids to any activities nested in it, their connections and start following; returns the new id.
    /// </summary>
    static string GiveNewIds(JsonObject activity, HashSet<string> taken)
    {
        var oldId = Text(activity["id"]) ?? "";
        var stem = oldId.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        var newId = UniqueId(stem.Length > 0 ? stem : TypeStem(Text(activity["type"]) ?? ""), taken);
        activity["id"] = newId;
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in ChildrenOf(activity).ToList())
        {
            var childId = Text(child["id"]) ?? "";
            renamed.TryAdd(childId, GiveNewIds(child, taken));
        }
        foreach (var connection in (activity["connections"] as JsonArray ?? []).OfType<JsonObject>())
            Repoint(connection, renamed);
        if (Text(activity["start"]) is { } start && renamed.TryGetValue(start, out var newStart))
            activity["start"] = newStart;
        return newId;
    }

    /// <summary>The first multiple of <see cref="PasteOffset"/> at which no pasted activity lands exactly on one already there.</summary>
    double FreePasteOffset(DesignerClip clip)
    {
        var occupied = Nodes.Select(n => (n.X, n.Y)).ToHashSet();
        var places = clip.Activities.Select(a => a["metadata"]?["designer"]?["position"])
            .Select(p => (X: Number(p?["x"]) ?? 0, Y: Number(p?["y"]) ?? 0)).ToList();
        var offset = PasteOffset;
        while (places.Any(p => occupied.Contains((p.X + offset, p.Y + offset))) && offset < PasteOffset * 100)
            offset += PasteOffset;
        return offset;
    }
}
