using System.Net;

namespace Justice.Portal.Tests.Proxy;

/// <summary>The real portal behind the proxy as docs/deployment-several-nodes.md §5 sets it up: the proxy's address trusted.</summary>
public sealed class PortalBehindProxyTests
{
    [Fact]
    public async Task Portal_AnswersItsHealth_AndSendsTheBrowserToTheLoginOnTheProxysAddress()
    {
        await using var portal = new PortalFactory { Settings = { ["ForwardedHeaders:KnownProxies"] = "127.0.0.1" } };
        var node = portal.BaseAddress.ToString().TrimEnd('/');
        await using var proxy = await ProxyUnderTest.StartAsync(new Dictionary<string, string> { ["node1"] = node, ["node2"] = node });
        var (browser, cookies) = proxy.Browser();

        var health = await browser.GetAsync("/health");
        var inbox = await browser.GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.NotNull(proxy.AffinityOf(cookies));
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        var login = new Uri(proxy.Address, inbox.Headers.Location!);
        Assert.Equal(proxy.Address.Authority, login.Authority);
        Assert.Equal("/Account/Login", login.AbsolutePath);
    }
}
