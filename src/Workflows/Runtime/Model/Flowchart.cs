using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Runtime.Model;

/// <summary>
/// A flowchart: activities joined by connections from outcome ports. The interpreter runs it; this class holds
/// its graph, decided once per definition version: the start activity, which connections close loops, and the
/// inbound and outbound connections of each activity.
/// </summary>
[Activity("Elsa", "Flowchart", Category = "流程", DisplayName = "流程图", Description = "由连线连接的一组活动。")]
public sealed class Flowchart : Activity
{
    readonly Dictionary<string, List<FlowConnection>> _outbound = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<FlowConnection>> _forwardInbound = new(StringComparer.Ordinal);
    readonly Dictionary<string, HashSet<string>> _upstream = new(StringComparer.Ordinal);
    readonly Lock _upstreamLock = new();

    public IReadOnlyList<Activity> Activities { get; private set; } = [];
    public IReadOnlyList<FlowConnection> Connections { get; private set; } = [];
    public Activity? Start { get; private set; }

    /// <summary>Activities reachable from the start; only their connections count when a join waits.</summary>
    public IReadOnlySet<string> Reachable { get; private set; } = new HashSet<string>();

    public override ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        throw new InvalidOperationException("A flowchart is run by the interpreter.");

    /// <summary>A flowchart completes with Done or with the outcomes of a Complete activity inside it.</summary>
    public override IReadOnlyCollection<string>? GetPorts() => null;

    public IReadOnlyList<FlowConnection> OutboundOf(string activityId) =>
        _outbound.TryGetValue(activityId, out var list) ? list : [];

    /// <summary>Forward connections into an activity from activities that can run.</summary>
    public IReadOnlyList<FlowConnection> ForwardInboundOf(string activityId) =>
        _forwardInbound.TryGetValue(activityId, out var list) ? list : [];

    readonly Dictionary<string, HashSet<string>> _downstream = new(StringComparer.Ordinal);

    /// <summary>Every activity reachable from <paramref name="activityId"/> by any connection, loops included.</summary>
    public IReadOnlySet<string> DownstreamOf(string activityId)
    {
        lock (_upstreamLock)
        {
            if (_downstream.TryGetValue(activityId, out var cached))
                return cached;
            var result = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>([activityId]);
            while (stack.Count > 0)
            {
                foreach (var c in OutboundOf(stack.Pop()))
                {
                    if (result.Add(c.Target))
                        stack.Push(c.Target);
                }
            }
            _downstream[activityId] = result;
            return result;
        }
    }

    /// <summary>Whether the activity lies on a loop (it can be reached again from itself).</summary>
    public bool InLoop(string activityId) => DownstreamOf(activityId).Contains(activityId);

    /// <summary>Every activity from which <paramref name="activityId"/> can be reached by forward connections.</summary>
    public IReadOnlySet<string> UpstreamOf(string activityId)
    {
        lock (_upstreamLock)
        {
            if (_upstream.TryGetValue(activityId, out var cached))
                return cached;
            var result = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>([activityId]);
            while (stack.Count > 0)
            {
                foreach (var c in ForwardInboundOf(stack.Pop()))
                {
                    if (result.Add(c.Source))
                        stack.Push(c.Source);
                }
            }
            result.Remove(activityId);
            _upstream[activityId] = result;
            return result;
        }
    }

    internal void Build(IReadOnlyList<Activity> activities, JsonArray? connections, DefinitionValidationContext validation)
    {
        Activities = activities;
        var byId = activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var path = validation.PathOf(this);
        var list = new List<FlowConnection>();
        for (var i = 0; i < (connections?.Count ?? 0); i++)
        {
            var where = $"{path}.connections[{i}]";
            if (connections![i] is not JsonObject c)
            {
                validation.Add(DefinitionProblem.MissingSource, where, Id, "连线必须是对象。");
                continue;
            }
            var source = Text(c["source"]?["activity"]);
            var sourcePort = Text(c["source"]?["port"]) ?? "Done";
            var target = Text(c["target"]?["activity"]);
            var targetPort = Text(c["target"]?["port"]) ?? "In";
            var ok = true;
            if (source is null || !byId.ContainsKey(source))
            {
                validation.Add(DefinitionProblem.MissingSource, where + ".source", source, $"连线的起点活动“{source}”不存在。");
                ok = false;
            }
            if (target is null || !byId.ContainsKey(target))
            {
                validation.Add(DefinitionProblem.MissingTarget, where + ".target", target, $"连线的终点活动“{target}”不存在。");
                ok = false;
            }
            if (!ok)
                continue;
            var ports = byId[source!].GetPorts();
            if (ports is not null && !ports.Contains(sourcePort))
            {
                validation.Add(DefinitionProblem.MissingPort, where + ".source.port", source,
                    $"活动“{byId[source!].DisplayName}”（{source}）没有出口“{sourcePort}”；可用的出口：{string.Join("、", ports)}。");
                continue;
            }
            list.Add(new FlowConnection(i, source!, sourcePort, target!, targetPort));
        }
        Connections = list;
        foreach (var c in list)
            Add(_outbound, c.Source, c);

        Start = FindStart(byId, validation);
        ClassifyConnections(byId);
        foreach (var c in list.Where(c => !c.IsBackward && Reachable.Contains(c.Source)))
            Add(_forwardInbound, c.Target, c);
        ValidateBackwardConnections(validation, path);
    }

    Activity? FindStart(Dictionary<string, Activity> byId, DefinitionValidationContext validation)
    {
        if (Text(Node["start"]) is { } explicitStart)
        {
            if (byId.TryGetValue(explicitStart, out var s))
                return s;
            validation.Add(DefinitionProblem.MissingTarget, validation.PathOf(this) + ".start", Id, $"流程图的起始活动“{explicitStart}”不存在。");
        }
        return Activities.FirstOrDefault(a => a.Type == "Elsa.Start")
            ?? Activities.FirstOrDefault(a => a.CanStartWorkflow)
            ?? Activities.FirstOrDefault(a => Connections.All(c => c.Target != a.Id))
            ?? Activities.FirstOrDefault();
    }

    /// <summary>Depth-first from the start: a connection into an activity still on the stack closes a loop.</summary>
    void ClassifyConnections(Dictionary<string, Activity> byId)
    {
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        Reachable = reachable;
        if (Start is null)
            return;
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(string Id, int Next)>();
        stack.Push((Start.Id, 0));
        reachable.Add(Start.Id);
        onStack.Add(Start.Id);
        while (stack.Count > 0)
        {
            var (id, next) = stack.Pop();
            var outbound = OutboundOf(id);
            if (next >= outbound.Count)
            {
                onStack.Remove(id);
                continue;
            }
            stack.Push((id, next + 1));
            var c = outbound[next];
            if (onStack.Contains(c.Target))
                c.IsBackward = true;
            else if (reachable.Add(c.Target))
            {
                onStack.Add(c.Target);
                stack.Push((c.Target, 0));
            }
        }
    }

    /// <summary>As in Elsa: a loop-closing connection is valid only when every path from the start to its source passes its target.</summary>
    void ValidateBackwardConnections(DefinitionValidationContext validation, string path)
    {
        foreach (var c in Connections.Where(c => c.IsBackward))
        {
            if (Start is null || Start.Id == c.Target)
                continue;
            var seen = new HashSet<string>(StringComparer.Ordinal) { c.Target, Start.Id };
            var queue = new Queue<string>([Start.Id]);
            var bypasses = false;
            while (queue.Count > 0 && !bypasses)
            {
                foreach (var next in OutboundOf(queue.Dequeue()))
                {
                    if (next.Target == c.Source)
                        bypasses = true;
                    if (seen.Add(next.Target))
                        queue.Enqueue(next.Target);
                }
            }
            if (bypasses)
                validation.Add(DefinitionProblem.InvalidBackwardConnection, $"{path}.connections[{c.Index}]", c.Source,
                    $"回环连线 {c.Source} → {c.Target} 无效：从起点到“{c.Source}”的路径可以不经过“{c.Target}”。");
        }
    }

    static void Add(Dictionary<string, List<FlowConnection>> index, string key, FlowConnection c)
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        list.Add(c);
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
