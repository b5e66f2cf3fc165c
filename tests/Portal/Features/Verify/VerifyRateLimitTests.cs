using System.Net;

namespace Justice.Portal.Tests.Features.Verify;

/// <summary>The public check has one per-address budget shared by its page and its API.</summary>
public sealed class VerifyRateLimitTests
{
    [Fact]
    public async Task PageAndApi_ShareOneBudget_ThenAnswer429()
    {
        await using var factory = new PortalFactory { SeedDemo = false, Settings = { ["Verify:PermitPerMinute"] = "3" } };
        var client = await factory.ClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/verify/A1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verify?number=A2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/verify/A3")).StatusCode);

        var api = await client.GetAsync("/api/verify/A4");
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Contains("查询过于频繁", await api.Content.ReadAsStringAsync());
        var page = await client.GetAsync("/verify?number=A5");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("查询过于频繁", await page.Content.ReadAsStringAsync());
        // Opening the page without a number costs nothing.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verify")).StatusCode);
    }
    [Fact]
    public async Task Limited_PageAndApi_SayWhenToRetry()
    {
        await using var factory = new PortalFactory { SeedDemo = false, Settings = { ["Verify:PermitPerMinute"] = "1" } };
        var client = await factory.ClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/verify/A1")).StatusCode);

        foreach (var limited in new[] { await client.GetAsync("/api/verify/A2"), await client.GetAsync("/verify?number=A3") })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            var seconds = limited.Headers.RetryAfter?.Delta?.TotalSeconds;
            Assert.True(seconds is >= 1 and <= 60, $"Retry-After: {limited.Headers.RetryAfter}");
        }
    }

    [Fact]
    public async Task ForwardedFor_WithoutKnownProxies_IsIgnored()
    {
        await using var factory = new PortalFactory { SeedDemo = false, Settings = { ["Verify:PermitPerMinute"] = "1" } };
        var client = await factory.ClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await VerifyFromAsync(client, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await VerifyFromAsync(client, "203.0.113.2")).StatusCode);
    }

    static async Task<HttpResponseMessage> VerifyFromAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/verify/A1");
        request.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(request);
    }
}
