namespace Justice.Architecture.Tests;

/// <summary>
/// The first-level folders of an assembly's root namespace (<c>Justice.Workflows.Runtime</c> → <c>Runtime</c>; the root
/// namespace itself is <c>(root)</c>) and which of them use which, with one example use per edge.
/// </summary>
public sealed class NamespaceGraph
{
    public const string RootNode = "(root)";

    readonly Dictionary<string, Dictionary<string, TypeUse>> _edges = new(StringComparer.Ordinal);

    public NamespaceGraph(string rootNamespace, IEnumerable<TypeUse> uses)
    {
        foreach (var use in uses)
        {
            var from = Folder(rootNamespace, use.FromNamespace);
            var to = Folder(rootNamespace, use.ToNamespace);
            if (from is null || to is null)
                continue;
            Nodes.Add(from);
            Nodes.Add(to);
            if (from == to)
                continue;
            if (!_edges.TryGetValue(from, out var targets))
                _edges[from] = targets = new(StringComparer.Ordinal);
            targets.TryAdd(to, use);
        }
    }

    public SortedSet<string> Nodes { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Targets(string node) => _edges.TryGetValue(node, out var t) ? t.Keys : [];

    public TypeUse Example(string from, string to) => _edges[from][to];

    public static string? Folder(string rootNamespace, string ns)
    {
        if (ns == rootNamespace)
            return RootNode;
        if (!ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
            return null;
        var rest = ns[(rootNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>The strongly connected components with more than one folder (Tarjan): each one is a circle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Circles()
    {
        var index = 0;
        var indexes = new Dictionary<string, int>();
        var lowLinks = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var circles = new List<IReadOnlyList<string>>();

        void Connect(string node)
        {
            indexes[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in Targets(node))
            {
                if (!indexes.ContainsKey(target))
                {
                    Connect(target);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[target]);
                }
                else if (onStack.Contains(target))
                    lowLinks[node] = Math.Min(lowLinks[node], indexes[target]);
            }
            if (lowLinks[node] != indexes[node])
                return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != node);
            if (component.Count > 1)
                circles.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var node in Nodes)
            if (!indexes.ContainsKey(node))
                Connect(node);
        return circles;
    }

    /// <summary>A circle as text: every edge inside it with one use that makes it.</summary>
    public string Describe(IReadOnlyList<string> circle)
    {
        var members = circle.ToHashSet(StringComparer.Ordinal);
        var lines = new List<string> { $"circle: {string.Join(" ↔ ", circle)}" };
        foreach (var from in circle)
            foreach (var to in Targets(from).Where(members.Contains).Order(StringComparer.Ordinal))
            {
                var use = Example(from, to);
                lines.Add($"  {from} → {to}: {use.FromType} uses {use.ToType} ({use.Where})");
            }
        return string.Join(Environment.NewLine, lines);
    }
}
