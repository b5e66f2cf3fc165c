using System.Net;
using Justice.Portal.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Justice.Portal.Tests.Proxy;

/// <summary>
/// The proxy as shipped (src/Portal.Proxy/appsettings.json) on a free loopback port, in front of two
/// <see cref="ProxyTestNode"/>s that stand in for <c>node1</c> and <c>node2</c>.
/// </summary>
public sealed class ProxyUnderTest : IAsyncDisposable
{
    public const string AffinityCookie = ".Justice.Node";

    readonly WebApplication app;

    ProxyUnderTest(WebApplication app, IReadOnlyDictionary<string, ProxyTestNode> nodes)
    {
        this.app = app;
        Nodes = nodes;
    }

    public IReadOnlyDictionary<string, ProxyTestNode> Nodes { get; }

    public Uri Address => new(app.Urls.Single());

    public static Task<ProxyUnderTest> StartAsync() => StartWithSettingsAsync(null);

    /// <summary>Two test nodes behind a proxy with some of its settings changed.</summary>
    public static async Task<ProxyUnderTest> StartWithSettingsAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        var nodes = new Dictionary<string, ProxyTestNode>
        {
            ["node1"] = await ProxyTestNode.StartAsync("node1"),
            ["node2"] = await ProxyTestNode.StartAsync("node2"),
        };
        return await StartAsync(nodes, nodes.ToDictionary(n => n.Key, n => n.Value.Address), settings);
    }

    /// <summary>The proxy in front of nodes at the given addresses (a real portal, say), by destination name.</summary>
    public static Task<ProxyUnderTest> StartAsync(IReadOnlyDictionary<string, string> addresses) => StartAsync(new Dictionary<string, ProxyTestNode>(), addresses);

    static async Task<ProxyUnderTest> StartAsync(Dictionary<string, ProxyTestNode> nodes, IReadOnlyDictionary<string, string> addresses,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>()) { ["Urls"] = "http://127.0.0.1:0" };
        foreach (var (name, address) in addresses)
            settings[$"ReverseProxy:Clusters:portal:Destinations:{name}:Address"] = address;
        // The proxy's own settings file, copied beside the tests into Proxy/.
        var app = ProxyApp.Create(["--contentRoot", Path.Combine(AppContext.BaseDirectory, "Proxy")], settings);
        await app.StartAsync();
        return new ProxyUnderTest(app, nodes);
    }

    /// <summary>What the passive health check holds of a node.</summary>
    public DestinationHealth PassiveHealth(string node)
    {
        Assert.True(app.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster("portal", out var cluster));
        return cluster.Destinations[node].Health.Passive;
    }

    /// <summary>A browser: its own cookies, no redirects followed.</summary>
    public (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Address };
        return (client, cookies);
    }

    /// <summary>The affinity cookie's value the browser holds, or null.</summary>
    public string? AffinityOf(CookieContainer cookies) => cookies.GetCookies(Address)[AffinityCookie]?.Value;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        foreach (var node in Nodes.Values)
            await node.DisposeAsync();
    }
}
