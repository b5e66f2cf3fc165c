using Mono.Cecil;

namespace Justice.Architecture.Tests;

/// <summary>
/// The portal and its demo reach the engine's and the casework's data only through their services; the portal's own
/// context (Identity, audit log) is used by its services, never by a page or an endpoint.
/// </summary>
public sealed class PortalTests
{
    const string Portal = "Justice.Portal";
    const string Demo = "Justice.Portal.Demo";

    /// <summary>The engine's and the casework's persistence (contexts, stores, rows, migrations): the services' business.</summary>
    static readonly string[] DataNamespaces = ["Justice.Workflows.Persistence", "Justice.Casework.Persistence"];

    static bool IsData(string ns) => DataNamespaces.Any(d => ns == d || ns.StartsWith(d + ".", StringComparison.Ordinal));

    [Fact]
    public void Portal_UsesNoContextOfEngineOrCasework()
    {
        var uses = DataUses(Portal);

        Assert.True(uses.Count == 0, string.Join(Environment.NewLine, uses));
    }

    [Fact]
    public void Demo_UsesNoContextOfEngineOrCasework()
    {
        var uses = DataUses(Demo);

        Assert.True(uses.Count == 0, string.Join(Environment.NewLine, uses));
    }

    [Fact]
    public void PortalPagesAndEndpoints_UseNoDbContext()
    {
        var types = PortalTypes.Read(Assemblies.PathOf(Portal));

        var contextUses = TypeReferences.Read(Assemblies.PathOf(Portal)).Where(u => types.IsDbContext(u.ToType)).ToList();

        var uses = contextUses
            .Where(u => types.IsPage(u.FromType) || types.IsEndpoint(u.FromType))
            .GroupBy(u => u.FromType)
            .Select(g => $"{g.Key} uses {g.First().ToType} ({g.First().Where})")
            .ToList();

        Assert.True(types.Pages.Count > 10 && types.Endpoints.Count > 10, $"expected the portal's pages and endpoints, found {types.Pages.Count} and {types.Endpoints.Count}");
        Assert.Contains(contextUses, u => u.FromType == "Justice.Portal.Features.Audit.AuditLog" && u.ToType == "Justice.Portal.Data.ApplicationDbContext");
        Assert.True(uses.Count == 0, string.Join(Environment.NewLine, uses));
    }

    static List<string> DataUses(string assemblyName) =>
        TypeReferences.Read(Assemblies.PathOf(assemblyName))
            .Where(u => IsData(u.ToNamespace))
            .GroupBy(u => u.FromType)
            .Select(g => $"{g.Key} uses {g.First().ToType} ({g.First().Where})")
            .ToList();
}

/// <summary>
/// The portal's pages (classes deriving from <c>ComponentBase</c>), its endpoint classes (static classes named <c>…Api</c>
/// in <c>Justice.Portal.Features.*</c> and <c>Justice.Portal.Api</c>) and which types are EF Core contexts, with base
/// types resolved through the shared frameworks.
/// </summary>
public sealed class PortalTypes
{
    const string ComponentBase = "Microsoft.AspNetCore.Components.ComponentBase";
    const string DbContext = "Microsoft.EntityFrameworkCore.DbContext";

    static readonly string[] ContextTypes = [DbContext, "Microsoft.EntityFrameworkCore.IDbContextFactory`1", "Microsoft.EntityFrameworkCore.DbSet`1"];

    readonly Dictionary<string, bool> _contexts = new(StringComparer.Ordinal);
    readonly ModuleDefinition _module;

    PortalTypes(ModuleDefinition module)
    {
        _module = module;
        foreach (var type in module.Types.Where(t => !string.IsNullOrEmpty(t.Namespace)))
        {
            if (Derives(type, ComponentBase))
                Pages.Add(type.FullName);
            else if (type.IsAbstract && type.IsSealed && type.Name.EndsWith("Api", StringComparison.Ordinal)
                && (type.Namespace.StartsWith("Justice.Portal.Features.", StringComparison.Ordinal) || type.Namespace == "Justice.Portal.Api"))
                Endpoints.Add(type.FullName);
        }
    }

    public HashSet<string> Pages { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Endpoints { get; } = new(StringComparer.Ordinal);

    public static PortalTypes Read(string assemblyPath)
    {
        var resolver = new DefaultAssemblyResolver();
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        resolver.AddSearchDirectory(runtime);
        // …/shared/Microsoft.NETCore.App/<version> → …/shared/Microsoft.AspNetCore.App/<version>
        var aspNet = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(runtime))!, "Microsoft.AspNetCore.App", Path.GetFileName(runtime));
        if (Directory.Exists(aspNet))
            resolver.AddSearchDirectory(aspNet);
        return new PortalTypes(ModuleDefinition.ReadModule(assemblyPath, new ReaderParameters { AssemblyResolver = resolver }));
    }

    public bool IsPage(string fullName) => Pages.Contains(fullName);

    public bool IsEndpoint(string fullName) => Endpoints.Contains(fullName);

    /// <summary>A context, a context factory or set, or a type deriving from <c>DbContext</c> (the portal's own or any other).</summary>
    public bool IsDbContext(string fullName)
    {
        if (ContextTypes.Contains(fullName, StringComparer.Ordinal))
            return true;
        if (!_contexts.TryGetValue(fullName, out var known))
            _contexts[fullName] = known = Find(fullName) is { } type && Derives(type, DbContext);
        return known;
    }

    TypeDefinition? Find(string fullName) =>
        _module.GetType(fullName)
        ?? (_module.GetTypeReferences().FirstOrDefault(r => r.FullName == fullName) is { } reference ? Resolve(reference) : null);

    static TypeDefinition? Resolve(TypeReference reference)
    {
        try
        {
            return reference.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    static bool Derives(TypeDefinition type, string baseName)
    {
        for (var current = type.BaseType; current is not null; current = Resolve(current)?.BaseType)
            if (current.FullName == baseName || (current is GenericInstanceType g && g.ElementType.FullName == baseName))
                return true;
        return false;
    }
}
