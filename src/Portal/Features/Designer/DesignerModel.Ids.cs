using System.Text.Json.Nodes;

namespace Justice.Portal.Features.Designer;

/// <summary>Why an activity id cannot be used: the engine needs ids that are unique in the whole definition.</summary>
public enum ActivityIdProblem
{
    Empty,
    Whitespace,
    Taken,
}

/// <summary>Activity ids and names: new ones for added and pasted activities, and renaming an id with everything that refers to it.</summary>
public sealed partial class DesignerModel
{
    /// <summary>Why <paramref name="newId"/> cannot replace the id of <paramref name="activityId"/>; null when it can (or is unchanged).</summary>
    public ActivityIdProblem? CheckId(string activityId, string? newId)
    {
        var id = newId?.Trim() ?? "";
        if (id.Length == 0)
            return ActivityIdProblem.Empty;
        if (id.Any(char.IsWhiteSpace))
            return ActivityIdProblem.Whitespace;
        return id != activityId && TakenIds().Contains(id) ? ActivityIdProblem.Taken : null;
    }

    /// <summary>
    /// Gives an activity a new id, in one undo step: the connections from and to it and the flowchart's <c>start</c>
    /// follow. Returns the problem, and changes nothing, when the id is empty, has spaces or is taken.
    /// </summary>
    public ActivityIdProblem? ChangeId(string activityId, string? newId)
    {
        var node = Find(activityId) ?? throw new ArgumentException($"活动“{activityId}”不存在。", nameof(activityId));
        if (CheckId(activityId, newId) is { } problem)
            return problem;
        var id = newId!.Trim();
        if (id == activityId)
            return null;
        var selected = Selection.Contains(activityId);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal) { [activityId] = id };
        Change($"把标识“{activityId}”改为“{id}”", () =>
        {
            node.Json["id"] = id;
            foreach (var connection in (Root["connections"] as JsonArray ?? []).OfType<JsonObject>())
                Repoint(connection, renamed);
            if (Text(Root["start"]) == activityId)
                Root["start"] = id;
        }, compile: true);
        if (selected)
            Selection.Select(id, toggle: true);
        return null;
    }

    /// <summary>Points both ends of a connection, in either of the format's two forms, at the new ids of renamed activities (each end once).</summary>
    static void Repoint(JsonObject connection, IReadOnlyDictionary<string, string> renamed)
    {
        foreach (var end in new[] { "source", "target" })
        {
            switch (connection[end])
            {
                case JsonObject current when Text(current["activity"]) is { } id && renamed.TryGetValue(id, out var newId):
                    current["activity"] = newId;
                    break;
                case JsonValue legacy when Text(legacy) is { } id && renamed.TryGetValue(id, out var newId):
                    connection[end] = newId;
                    break;
            }
        }
    }

    /// <summary>Every activity id of the definition, nested flowcharts, structured activities' children and the root included (the engine's ids are unique across them all).</summary>
    HashSet<string> TakenIds() => Everything(DocumentRoot).Select(a => Text(a["id"])).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>A readable id from the type, unique in the definition: <c>userTask1</c>, <c>userTask2</c> ...</summary>
    string NewId(string type) => UniqueId(TypeStem(type), TakenIds());

    static string TypeStem(string type)
    {
        var name = type.Split('.').Last();
        return name.Length == 0 ? "activity" : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The stem with the lowest number not taken: <c>review1</c>, <c>review2</c> ...; the id is added to <paramref name="taken"/>.</summary>
    static string UniqueId(string stem, HashSet<string> taken)
    {
        for (var n = 1; ; n++)
        {
            if (taken.Add($"{stem}{n}"))
                return $"{stem}{n}";
        }
    }

    string NewName(string displayName) => UniqueName(displayName, Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal));

    /// <summary>The name itself when free, else <c>name 2</c>, <c>name 3</c> ...; the name is added to <paramref name="taken"/>.</summary>
    static string UniqueName(string name, HashSet<string> taken)
    {
        if (taken.Add(name))
            return name;
        for (var n = 2; ; n++)
        {
            if (taken.Add($"{name} {n}"))
                return $"{name} {n}";
        }
    }
}
