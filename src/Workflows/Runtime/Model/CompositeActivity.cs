using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;

namespace Justice.Workflows.Runtime.Model;

/// <summary>
/// A structured activity (Elsa's composites: Sequence, If, While, ForEach…): it holds child activities in its own
/// JSON (<c>activities</c>, <c>then</c>, <c>body</c>, <c>cases[i].activity</c>…), schedules them itself and is told
/// when each one completes. Its bookkeeping lives in the instance (<see cref="ActivityExecutionContext.Data"/>), so a
/// structured activity waiting on a child survives a restart like any bookmark.
/// </summary>
public abstract class CompositeActivity : Activity
{
    /// <summary>The children in the order of <see cref="Slots"/>.</summary>
    public IReadOnlyList<Activity> Children { get; private set; } = [];

    /// <summary>The children's JSON: a key the activity knows them by and their path below this activity's node.</summary>
    protected abstract IEnumerable<ChildSlot> Slots();

    /// <summary>Receives the compiled children by key.</summary>
    protected abstract void Bind(IReadOnlyDictionary<string, Activity> children);

    /// <summary>A child this activity scheduled has completed.</summary>
    public abstract ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion);

    internal void Build(Func<JsonObject, string, Activity> compile)
    {
        var byKey = new Dictionary<string, Activity>(StringComparer.Ordinal);
        var list = new List<Activity>();
        foreach (var slot in Slots())
        {
            var child = compile(slot.Node, slot.Path);
            byKey.TryAdd(slot.Key, child);
            list.Add(child);
        }
        Children = list;
        Bind(byKey);
    }

    /// <summary>A setting written as plain text or as a literal input (<c>joinMode</c>, <c>mode</c>).</summary>
    protected string? Setting(string name) => Node[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonObject wrapper when wrapper["expression"]?["value"] is JsonValue v && v.TryGetValue<string>(out var text) => text,
        _ => null,
    };

    /// <summary>The child activity JSON at <c>Node[name]</c>, if it is one.</summary>
    protected IEnumerable<ChildSlot> Single(string name) =>
        Node[name] is JsonObject child && child["type"] is not null ? [new ChildSlot(name, name, child)] : [];

    /// <summary>The child activities JSON of the array <c>Node[name]</c>, keyed by index.</summary>
    protected IEnumerable<ChildSlot> Many(string name)
    {
        if (Node[name] is not JsonArray array)
            yield break;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject child)
                yield return new ChildSlot(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{name}[{i}]", child);
        }
    }
}

/// <summary>One child activity's JSON inside a structured activity.</summary>
public sealed record ChildSlot(string Key, string Path, JsonObject Node);

/// <summary>How a child of a structured activity ended: its outcomes, and whether it ends the enclosing scope (End, Complete) or breaks a loop.</summary>
public sealed record ChildCompletion(IReadOnlyList<string> Outcomes, bool Terminal = false);

/// <summary>A loop that an <c>Elsa.Break</c> inside it ends.</summary>
public interface ILoopActivity;
