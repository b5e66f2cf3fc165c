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

    /// <summary>The names services go by (<c>CaseQueries</c>, <c>TaskService</c>, <c>StatutoryCalendar</c>, <c>ActivityRegistry</c>, …).</summary>
    static readonly string[] ServiceSuffixes = ["Queries", "Service", "Store", "Notes", "Loader", "Limiter", "Administration", "Calendar", "Registry"];

    readonly Dictionary<string, bool> _services = new(StringComparer.Ordinal);

    /// <summary>
    /// A service rather than a value: an interface (a store's, a query's, a directory's contract), or a class that is
    /// none of static, a record, an exception, an attribute or a component, and is either named as services are
    /// (<see cref="ServiceSuffixes"/>) and does more than hold properties (a row such as the casework's
    /// <c>DocumentService</c>, the service of a document on a party, is a value), or is built from what only the
    /// container gives: every public constructor takes an interface, an abstract class (<c>TimeProvider</c>) or a
    /// service (<c>WorkflowRuntime</c>, <c>WorkflowInstanceView</c>, <c>ExpressionEvaluator</c>). Records, enums, structs,
    /// rows, models built from values, static helpers and exceptions are values.
    /// </summary>
    public bool IsService(string fullName) => Find(fullName) is { } type && IsService(type);

    bool IsService(TypeDefinition type)
    {
        if (_services.TryGetValue(type.FullName, out var known))
            return known;
        _services[type.FullName] = false; // a constructor taking its own kind decides nothing
        return _services[type.FullName] = Classify(type);
    }

    bool Classify(TypeDefinition type)
    {
        if (type.IsInterface)
            return true;
        if (type.IsValueType || (type.IsAbstract && type.IsSealed) || type.Methods.Any(m => m.Name == "<Clone>$")
            || Derives(type, "System.Exception") || Derives(type, "System.Attribute") || Derives(type, ComponentBase) || Derives(type, "System.MulticastDelegate"))
            return false;
        var holdsOnlyProperties = type.Methods.All(m => m.IsConstructor || m.IsGetter || m.IsSetter);
        if (!holdsOnlyProperties && ServiceSuffixes.Any(s => type.Name.EndsWith(s, StringComparison.Ordinal)))
            return true;
        var constructors = type.Methods.Where(m => m.IsConstructor && !m.IsStatic && m.IsPublic).ToList();
        return constructors.Count > 0 && constructors.All(c => c.Parameters.Any(p => Resolve(p.ParameterType) is { } parameter
            && (parameter.IsInterface || (parameter.IsAbstract && !parameter.IsSealed) || IsService(parameter))));
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
