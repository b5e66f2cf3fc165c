using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace Justice.Portal.Tests.Api;

public sealed partial class HostingTests
{
    [Fact]
    public async Task Restart_KeepsDataProtectionKeys_SoIssuedTokensStillWork()
    {
        string token;
        var folder = Path.Combine(Path.GetTempPath(), "justice-portal-tests", Guid.NewGuid().ToString("N"));
        await using (var first = new PortalFactory { Folder = folder })
        {
            var client = await first.ClientAsync();
            var login = await client.PostAsJsonAsync("/api/identity/login", new { email = "admin@demo.justice.local", password = PortalFactory.Password });
            token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        }

        await using var second = new PortalFactory { Folder = folder };
        var again = await second.ClientAsync();
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/workflow-definitions")).StatusCode);
        if (second.IsPostgres)
        {
            // Several nodes share one PostgreSQL: the keys are kept in it.
            await using var scope = second.Services.CreateAsyncScope();
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<Justice.Portal.Data.ApplicationDbContext>().DataProtectionKeys.ToListAsync());
        }
        else
        {
            Assert.True(File.Exists(Path.Combine(folder, "justice.db")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "keys")));
        }
    }

    [Fact]
    public async Task Production_ServesStaticAssets_CreatesConfiguredAdminAndNoDemoAccounts()
    {
        await using var factory = new PortalFactory
        {
            Environment = "Production",
            SeedDemo = false,
            Settings = { ["Admin:Email"] = "chief@bureau.example", ["Admin:Password"] = "Chief#2026pass" },
        };
        var client = await factory.ClientAsync();
        var demoLogin = await client.PostAsJsonAsync("/api/identity/login", new { email = "admin@demo.justice.local", password = PortalFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, demoLogin.StatusCode);
        var adminLogin = await client.PostAsJsonAsync("/api/identity/login", new { email = "chief@bureau.example", password = "Chief#2026pass" });
        var token = (await adminLogin.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflow-definitions");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        // The test clock exists only in Development and test environments.
        using var clock = new HttpRequestMessage(HttpMethod.Get, "/api/dev/clock");
        clock.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(clock)).StatusCode);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("nosniff", home.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", home.Headers.GetValues("X-Frame-Options").Single());
        var policy = home.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        var html = await home.Content.ReadAsStringAsync();
        var assets = AssetLinks().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets.Append("_framework/blazor.web.js"))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset)).StatusCode);
    }

    [Fact]
    public async Task Health_AnswersWithoutLogin_ForTheProxysChecks()
    {
        await using var factory = new PortalFactory();
        var client = await factory.ClientAsync();

        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("""(?:href|src)="([^"]+\.(?:css|js))""")]
    private static partial Regex AssetLinks();
}
