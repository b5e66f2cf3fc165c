using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Yarp.ReverseProxy.Model;

namespace Justice.Portal.Tests.Proxy;

/// <summary>
/// The proxy in front of several portal nodes (docs/deployment-several-nodes.md): a browser stays on its node, new
/// browsers are spread, a dead node's browsers land on a living one at their next request, WebSockets pass, and the
/// nodes learn the client's address and scheme.
/// </summary>
public sealed class ReverseProxyTests
{
    readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task NewBrowser_GetsTheAffinityCookie_AndStaysOnItsNode()
    {
        await using var proxy = await ProxyUnderTest.StartAsync();
        var (client, cookies) = proxy.Browser();

        var first = await client.GetAsync("/", Timeout);
        var node = await first.Content.ReadAsStringAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var setCookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ProxyUnderTest.AffinityCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP here: the cookie is Secure only when the request is.
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(proxy.AffinityOf(cookies));
        for (var i = 0; i < 10; i++)
            Assert.Equal(node, await client.GetStringAsync("/", Timeout));
    }

    [Fact]
    public async Task PublicVerification_IsLimitedAtTheProxy_OverBothNodes()
    {
        await using var proxy = await ProxyUnderTest.StartWithSettingsAsync(new Dictionary<string, string?> { ["Verify:PermitPerMinute"] = "4" });
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            // A new browser each time: spread over both nodes, each of which would count only its own.
            var (client, _) = proxy.Browser();
            answers.Add(await client.GetAsync($"/api/verify/{i}", Timeout));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            answers.Select(a => a.StatusCode));
        Assert.Equal(["node1", "node2"], (await Task.WhenAll(answers.Take(4).Select(a => a.Content.ReadAsStringAsync(Timeout)))).Select(t => t.Split(':')[0]).Distinct().Order());
        Assert.Equal("查询过于频繁，请一分钟后再试。", (await answers[^1].Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(Timeout))!["detail"]!.GetValue<string>());
        // Pages and the rest of the API are not counted.
        Assert.Equal(HttpStatusCode.OK, (await proxy.Browser().Client.GetAsync("/", Timeout)).StatusCode);
    }

    [Fact]
    public async Task TwoNewBrowsers_AreSpreadOverTheNodes()
    {
        await using var proxy = await ProxyUnderTest.StartAsync();
        var (first, _) = proxy.Browser();
        var (second, _) = proxy.Browser();

        var nodes = new[] { await first.GetStringAsync("/", Timeout), await second.GetStringAsync("/", Timeout) };

        Assert.Equal(["node1", "node2"], nodes.Order());
    }

    [Fact]
    public async Task NodeDies_ItsBrowserLandsOnTheOtherNodeAtTheNextRequest_AndTheCookieFollows()
    {
        await using var proxy = await ProxyUnderTest.StartAsync();
        var (client, cookies) = proxy.Browser();
        var node = await client.GetStringAsync("/", Timeout);
        var before = proxy.AffinityOf(cookies);
        var other = node == "node1" ? "node2" : "node1";

        await proxy.Nodes[node].StopAsync();
        var next = await client.GetAsync("/", Timeout);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(other, await next.Content.ReadAsStringAsync(Timeout));
        var after = proxy.AffinityOf(cookies);
        Assert.NotNull(after);
        Assert.NotEqual(before, after);
        // Taken out of the cluster: new browsers are not sent to it until the reactivation period has passed.
        Assert.Equal(DestinationHealth.Unhealthy, proxy.PassiveHealth(node));
        Assert.NotEqual(DestinationHealth.Unhealthy, proxy.PassiveHealth(other));
        for (var i = 0; i < 5; i++)
            Assert.Equal(other, await client.GetStringAsync("/", Timeout));
    }

    [Fact]
    public async Task NodeDies_AFormPostedToItReachesTheOtherNodeWhole()
    {
        await using var proxy = await ProxyUnderTest.StartAsync();
        var (client, _) = proxy.Browser();
        var node = await client.GetStringAsync("/", Timeout);
        var other = node == "node1" ? "node2" : "node1";

        await proxy.Nodes[node].StopAsync();
        var posted = await client.PostAsync("/", new StringContent("申请人：张三"), Timeout);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal($"{other}: 申请人：张三", await posted.Content.ReadAsStringAsync(Timeout));
    }

    [Fact]
    public async Task NodeDies_NewBrowsersAllReachTheLivingNode()
    {
        await using var proxy = await ProxyUnderTest.StartAsync();
        await proxy.Nodes["node1"].StopAsync();

        for (var i = 0; i < 4; i++)
        {
            var (client, cookies) = proxy.Browser();
            var response = await client.GetAsync("/", Timeout);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("node2", await response.Content.ReadAsStringAsync(Timeout));
            Assert.NotNull(proxy.AffinityOf(cookies));
        }
    }

    [Fact]
    public async Task WebSocket_PassesThrough_ToTheBrowsersNode()
    {
        await using var proxy = await ProxyUnderTest.StartAsync();
        var (client, cookies) = proxy.Browser();
        // Without its cookie the socket would be the second new browser, and round robin would send it to the other node.
        var node = await client.GetStringAsync("/", Timeout);

        using var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        await socket.ConnectAsync(new Uri($"ws://{proxy.Address.Authority}/echo"), Timeout);
        await socket.SendAsync(Encoding.UTF8.GetBytes("你好"), WebSocketMessageType.Text, endOfMessage: true, Timeout);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, Timeout);

        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        Assert.Equal($"{node}: 你好", Encoding.UTF8.GetString(buffer, 0, received.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Timeout);
    }

    [Fact]
    public async Task Node_SeesTheClientsAddressSchemeAndHost()
    {
        await using var proxy = await ProxyUnderTest.StartAsync();
        var (client, _) = proxy.Browser();

        var headers = await client.GetFromJsonAsync<Dictionary<string, string>>("/headers", Timeout);

        Assert.NotNull(headers);
        Assert.Equal("127.0.0.1", headers["X-Forwarded-For"]);
        Assert.Equal("http", headers["X-Forwarded-Proto"]);
        // The browser's host reaches the node unchanged: its redirects and same-origin checks name the proxy, not the node.
        Assert.Equal(proxy.Address.Authority, headers["Host"]);
        Assert.Equal(proxy.Address.Authority, headers["X-Forwarded-Host"]);
    }
}
