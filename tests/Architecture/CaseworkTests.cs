namespace Justice.Architecture.Tests;

/// <summary>The casework assembly sits between the engine and the portal.</summary>
public sealed class CaseworkTests
{
    const string Casework = "Justice.Casework";

    static readonly Lazy<IReadOnlyList<TypeUse>> Uses = new(() => TypeReferences.Read(Assemblies.PathOf(Casework)));

    [Fact]
    public void CaseworkFolders_DependOnEachOther_WithoutCircles()
    {
        var graph = new NamespaceGraph(Casework, Uses.Value);

        var circles = graph.Circles();

        Assert.True(graph.Nodes.Count > 3, $"expected the casework's folders, found: {string.Join(", ", graph.Nodes)}");
        Assert.True(circles.Count == 0, string.Join(Environment.NewLine, circles.Select(graph.Describe)));
    }

    [Theory]
    [InlineData("Records")]
    [InlineData("Calendar")]
    public void BaseFolder_UsesNoOtherFolder(string folder)
    {
        var graph = new NamespaceGraph(Casework, Uses.Value);

        var targets = graph.Targets(folder).ToList();

        Assert.True(graph.Nodes.Contains(folder), $"expected the folder {folder}, found: {string.Join(", ", graph.Nodes)}");
        Assert.True(targets.Count == 0, string.Join(Environment.NewLine, targets.Select(t => $"{folder} → {t}: {graph.Example(folder, t)}")));
    }

    [Fact]
    public void Casework_ReferencesNoPortal()
    {
        var references = Assemblies.ReferencedNames(Casework);

        Assert.DoesNotContain(references, r => r.StartsWith("Justice.Portal", StringComparison.Ordinal));
        Assert.Contains("Justice.Workflows", references);
    }

    [Fact]
    public void Casework_UsesNoInternalsOfTheEngine()
    {
        var uses = Uses.Value
            .Where(u => u.ToNamespace.StartsWith("Justice.Workflows", StringComparison.Ordinal))
            .Select(u => u.ToType)
            .Distinct()
            .ToList();
        using var engine = Mono.Cecil.ModuleDefinition.ReadModule(Assemblies.PathOf("Justice.Workflows"));
        var hidden = engine.GetTypes().Where(t => t.DeclaringType is null && !t.IsPublic).Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(uses, hidden.Contains);
    }
}
