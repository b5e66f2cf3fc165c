using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Justice.Portal.Tests.Api;

/// <summary>The portal in Production behind a known reverse proxy (here the loopback address the tests come from).</summary>
public sealed class ProductionPortal : IAsyncLifetime
{
    public const string AdminEmail = "chief@bureau.example";
    public const string AdminPassword = "Chief#2026pass";

    public PortalFactory Factory { get; } = new()
    {
        Environment = "Production",
        SeedDemo = false,
        Settings =
        {
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Verify:PermitPerMinute"] = "1",
        },
    };

    public async Task InitializeAsync() => await Factory.ClientAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class ProductionHardeningTests(ProductionPortal portal) : IClassFixture<ProductionPortal>
{
    [Fact]
    public async Task Cookies_AreSentOverHttpsOnly()
    {
        var client = await portal.Factory.ClientAsync();

        var login = await client.GetAsync("/Account/Login");
        var culture = await client.GetAsync("/culture?culture=en&redirectUri=/");

        var cookies = login.Headers.GetValues("Set-Cookie").Concat(culture.Headers.GetValues("Set-Cookie")).ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task OpenApiAndScalar_AskForALogin()
    {
        var anonymous = await portal.Factory.ClientAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/scalar/v1")).StatusCode);

        var login = await anonymous.PostAsJsonAsync("/api/identity/login", new { email = ProductionPortal.AdminEmail, password = ProductionPortal.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var admin = await portal.Factory.ClientAsync();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task KnownProxy_ForwardedHttps_IsTreatedAsHttps()
    {
        var client = await portal.Factory.ClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Host = "portal.bureau.example";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task KnownProxy_ForwardedClientAddress_HasItsOwnVerificationBudget()
    {
        var client = await portal.Factory.ClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await VerifyFromAsync(client, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VerifyFromAsync(client, "203.0.113.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await VerifyFromAsync(client, "203.0.113.1")).StatusCode);
    }

    static async Task<HttpResponseMessage> VerifyFromAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/verify/A1");
        request.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(request);
    }
}
