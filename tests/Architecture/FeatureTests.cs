namespace Justice.Architecture.Tests;

/// <summary>
/// Each feature of the portal (<c>Features/&lt;Feature&gt;/</c>) has its pages, its one service and its endpoints: the pages
/// and endpoints reach the engine and the casework only through that service, and never through another feature's.
/// They may use the engine's and the casework's values (records, enums, rows, constants and static helpers), never
/// their services.
/// </summary>
public sealed class FeatureTests
{
    const string Portal = "Justice.Portal";
    const string FeaturesNamespace = "Justice.Portal.Features.";

    static readonly string[] ServiceAssemblies = ["Justice.Workflows", "Justice.Casework"];

    static readonly Lazy<(PortalTypes Types, IReadOnlyList<TypeUse> Uses)> Portals = new(() =>
        (PortalTypes.Read(Assemblies.PathOf(Portal)), TypeReferences.Read(Assemblies.PathOf(Portal))));

    static bool IsEngineOrCasework(string ns) =>
        ServiceAssemblies.Any(a => ns == a || ns.StartsWith(a + ".", StringComparison.Ordinal));

    /// <summary><c>Justice.Portal.Features.Cases</c> (and below) → <c>Cases</c>; null outside the features.</summary>
    static string? FeatureOf(string ns)
    {
        if (!ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal))
            return null;
        var rest = ns[FeaturesNamespace.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    [Fact]
    public void PagesAndEndpoints_UseNoServiceOfEngineOrCasework()
    {
        var (types, uses) = Portals.Value;

        var offending = Offending(uses.Where(u => IsEngineOrCasework(u.ToNamespace)), types);

        Assert.True(types.Pages.Count(p => FeatureOf(p[..p.LastIndexOf('.')]) is not null) > 10, "expected the features' pages");
        Assert.True(types.IsService("Justice.Casework.Cases.CaseQueries") && types.IsService("Justice.Workflows.Runtime.Stores.IInstanceQueries")
            && !types.IsService("Justice.Casework.Cases.CaseDetails") && !types.IsService("Justice.Workflows.Runtime.State.HumanTaskRecord")
            && !types.IsService("Justice.Casework.Cases.CaseAccess"), "the classification of services and values is off");
        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void FeaturePagesAndEndpoints_UseNoServiceOfAnotherFeature()
    {
        var (types, uses) = Portals.Value;

        var offending = Offending(uses.Where(u => FeatureOf(u.FromNamespace) is { } from && FeatureOf(u.ToNamespace) is { } to && from != to), types);

        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    /// <summary>The uses by a page or an endpoint of a service, one line per page and service with its first use.</summary>
    static List<string> Offending(IEnumerable<TypeUse> uses, PortalTypes types) =>
        uses.Where(u => (types.IsPage(u.FromType) || types.IsEndpoint(u.FromType)) && types.IsService(u.ToType))
            .GroupBy(u => (u.FromType, u.ToType))
            .OrderBy(g => g.Key.FromType, StringComparer.Ordinal).ThenBy(g => g.Key.ToType, StringComparer.Ordinal)
            .Select(g => $"{g.Key.FromType} uses the service {g.Key.ToType} ({g.First().Where}): go through the feature's service")
            .ToList();
}
