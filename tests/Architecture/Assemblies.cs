using Mono.Cecil;

namespace Justice.Architecture.Tests;

/// <summary>The built assemblies under test, found beside this test assembly (project references copy them here).</summary>
public static class Assemblies
{
    public static string PathOf(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        Assert.True(File.Exists(path), $"{path} was not built next to the architecture tests");
        return path;
    }

    public static IReadOnlyList<string> ReferencedNames(string assemblyName)
    {
        using var module = ModuleDefinition.ReadModule(PathOf(assemblyName));
        return module.AssemblyReferences.Select(r => r.Name).ToList();
    }
}
