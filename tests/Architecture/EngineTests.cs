namespace Justice.Architecture.Tests;

/// <summary>The engine assembly: folders that depend on each other one way, EF Core kept in Persistence.</summary>
public sealed class EngineTests
{
    const string Engine = "Justice.Workflows";

    static readonly Lazy<IReadOnlyList<TypeUse>> Uses = new(() => TypeReferences.Read(Assemblies.PathOf(Engine)));

    [Fact]
    public void EngineFolders_DependOnEachOther_WithoutCircles()
    {
        var graph = new NamespaceGraph(Engine, Uses.Value);

        var circles = graph.Circles();

        Assert.True(graph.Nodes.Count > 3, $"expected the engine's folders, found: {string.Join(", ", graph.Nodes)}");
        Assert.True(circles.Count == 0, string.Join(Environment.NewLine, circles.Select(graph.Describe)));
    }

    [Fact]
    public void EntityFramework_IsUsedOnlyInPersistence()
    {
        var outside = Uses.Value
            .Where(u => u.ToNamespace.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
            .Where(u => NamespaceGraph.Folder(Engine, u.FromNamespace) is not "Persistence")
            .GroupBy(u => u.FromType)
            .Select(g => $"{g.Key} uses {g.First().ToType} ({g.First().Where})")
            .ToList();

        Assert.True(outside.Count == 0, string.Join(Environment.NewLine, outside));
    }

    [Fact]
    public void Common_UsesNoOtherFolder()
    {
        var graph = new NamespaceGraph(Engine, Uses.Value);

        var targets = graph.Targets("Common").ToList();

        Assert.True(targets.Count == 0, string.Join(Environment.NewLine, targets.Select(t => $"Common → {t}: {graph.Example("Common", t)}")));
    }

    [Fact]
    public void Runtime_UsesNoPersistenceType()
    {
        var uses = Uses.Value
            .Where(u => NamespaceGraph.Folder(Engine, u.FromNamespace) == "Runtime" && NamespaceGraph.Folder(Engine, u.ToNamespace) == "Persistence")
            .GroupBy(u => u.FromType)
            .Select(g => $"{g.Key} uses {g.First().ToType} ({g.First().Where})")
            .ToList();

        Assert.True(uses.Count == 0, string.Join(Environment.NewLine, uses));
    }

    [Fact]
    public void Engine_ReferencesNeitherCaseworkNorPortal()
    {
        var references = Assemblies.ReferencedNames(Engine);

        Assert.DoesNotContain(references, r => r.StartsWith("Justice.Casework", StringComparison.Ordinal) || r.StartsWith("Justice.Portal", StringComparison.Ordinal));
    }
}
