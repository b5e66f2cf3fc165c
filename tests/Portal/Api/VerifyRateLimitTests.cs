using System.Net;

namespace Justice.Portal.Tests.Api;

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
}
