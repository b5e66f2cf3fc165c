namespace Justice.Portal.Features.Designer;

/// <summary>
/// Left-to-right layered layout, as Elsa Studio lays out a flowchart: columns by longest path from the start
/// (connections that close a loop are ignored), order within a column by the average row of the predecessors, and
/// each activity on the line of its predecessors when there is room.
/// </summary>
public static class FlowLayout
{
    public const double ColumnGap = 80, RowGap = 40;

    public sealed record Box(string Id, double Width, double Height);

    public static Dictionary<string, (double X, double Y)> Arrange(IReadOnlyList<Box> boxes, IEnumerable<(string Source, string Target)> links)
    {
        var ids = boxes.Select(b => b.Id).ToList();
        var byId = boxes.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var edges = links.Where(l => byId.ContainsKey(l.Source) && byId.ContainsKey(l.Target) && l.Source != l.Target).Distinct().ToList();
        var next = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (source, target) in edges)
            next[source].Add(target);

        var (back, order) = BackEdges(ids, next, edges);
        var forward = edges.Where(e => !back.Contains(e)).ToList();
        var previous = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (source, target) in forward)
            previous[target].Add(source);

        // Longest path from the sources, in topological order of the forward graph.
        var layer = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        foreach (var id in Topological(ids, forward))
        {
            foreach (var p in previous[id])
                layer[id] = Math.Max(layer[id], layer[p] + 1);
        }

        var columns = ids.GroupBy(id => layer[id]).OrderBy(g => g.Key)
            .Select(g => g.OrderBy(id => order[id]).ToList()).ToList();
        // Within a column: by the average position of the predecessors (barycentre), then in visiting order.
        var position = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var key = column.ToDictionary(id => id, id => previous[id].Count == 0 ? -1 : previous[id].Average(p => position[p]), StringComparer.Ordinal);
            column.Sort((a, b) => key[a] != key[b] ? key[a].CompareTo(key[b]) : order[a].CompareTo(order[b]));
            for (var i = 0; i < column.Count; i++)
                position[column[i]] = i;
        }

        var result = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        double x = 0;
        foreach (var column in columns)
        {
            double bottom = double.NegativeInfinity;
            foreach (var id in column)
            {
                var box = byId[id];
                var desired = previous[id].Count == 0 ? 0 : previous[id].Average(p => result[p].Y + byId[p].Height / 2) - box.Height / 2;
                var y = Math.Max(desired, bottom + RowGap);
                result[id] = (x, y);
                bottom = y + box.Height;
            }
            x += column.Max(id => byId[id].Width) + ColumnGap;
        }
        if (result.Count > 0)
        {
            var top = result.Values.Min(p => p.Y);
            foreach (var id in ids)
                result[id] = (result[id].X, result[id].Y - top);
        }
        return result;
    }

    /// <summary>Connections that close a cycle, found by depth-first search from the activities nothing points to; and the visiting order.</summary>
    static (HashSet<(string, string)> Back, Dictionary<string, int> Order) BackEdges(List<string> ids, Dictionary<string, List<string>> next, List<(string Source, string Target)> edges)
    {
        var back = new HashSet<(string, string)>();
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var targets = edges.Select(e => e.Target).ToHashSet(StringComparer.Ordinal);
        foreach (var root in ids.Where(id => !targets.Contains(id)).Concat(ids))
        {
            if (state.ContainsKey(root))
                continue;
            // Iterative depth-first search: long processes must not exhaust the stack.
            var stack = new Stack<(string Id, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            order[root] = order.Count;
            while (stack.Count > 0)
            {
                var (id, i) = stack.Pop();
                if (i < next[id].Count)
                {
                    stack.Push((id, i + 1));
                    var to = next[id][i];
                    if (!state.TryGetValue(to, out var s))
                    {
                        state[to] = 1;
                        order[to] = order.Count;
                        stack.Push((to, 0));
                    }
                    else if (s == 1)
                    {
                        back.Add((id, to));
                    }
                }
                else
                {
                    state[id] = 2;
                }
            }
        }
        return (back, order);
    }

    static List<string> Topological(List<string> ids, List<(string Source, string Target)> forward)
    {
        var incoming = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        var next = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (source, target) in forward)
        {
            incoming[target]++;
            next[source].Add(target);
        }
        var queue = new Queue<string>(ids.Where(id => incoming[id] == 0));
        var result = new List<string>();
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            result.Add(id);
            foreach (var to in next[id])
            {
                if (--incoming[to] == 0)
                    queue.Enqueue(to);
            }
        }
        return result;
    }
}
