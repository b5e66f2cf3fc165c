namespace Justice.Architecture.Tests;

/// <summary>The casework assembly sits between the engine and the portal.</summary>
public sealed class CaseworkTests
{
    const string Casework = "Justice.Casework";

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
        var uses = TypeReferences.Read(Assemblies.PathOf(Casework))
            .Where(u => u.ToNamespace.StartsWith("Justice.Workflows", StringComparison.Ordinal))
            .Select(u => u.ToType)
            .Distinct()
            .ToList();
        using var engine = Mono.Cecil.ModuleDefinition.ReadModule(Assemblies.PathOf("Justice.Workflows"));
        var hidden = engine.GetTypes().Where(t => t.DeclaringType is null && !t.IsPublic).Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(uses, hidden.Contains);
    }
}
