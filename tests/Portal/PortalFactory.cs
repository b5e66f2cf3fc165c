using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Justice.Portal.Tests;

/// <summary>The real portal on a real Kestrel port with its own database (SQLite file or PostgreSQL database: TestDatabase) and the demo accounts.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string Password = "Justice#2026";

    public string Folder { get; init; } = Path.Combine(Path.GetTempPath(), "justice-portal-tests", Guid.NewGuid().ToString("N"));

    public string Environment { get; init; } = "Testing";

    public bool SeedDemo { get; init; } = true;

    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>The database's provider: the test run's (<c>TestDatabase</c>), unless the settings name one.</summary>
    public string Provider => Settings.GetValueOrDefault("Workflows:Provider") ?? Justice.Workflows.Tests.TestDatabase.Provider;

    public bool IsPostgres => Justice.Workflows.Persistence.DatabaseProvider.Normalize(Provider) == Justice.Workflows.Persistence.DatabaseProvider.Postgres;

    public string ConnectionString => Justice.Workflows.Tests.TestDatabase.ConnectionString(Folder, "justice.db", Provider);

    /// <summary>A portal on a SQLite file in every test run (what only SQLite has: copying the file, a mistyped path).</summary>
    public static PortalFactory OnSqlite() => new() { Settings = new() { ["Workflows:Provider"] = "Sqlite" } };

    public PortalFactory()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Folder);
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Justice", ConnectionString);
        builder.UseSetting("Workflows:Provider", Provider);
        // The portal's files (uploads, signing keys, mail) in the test's folder on either provider.
        builder.UseSetting("Portal:DataFolder", Folder);
        builder.UseSetting("Seed:Demo", SeedDemo ? "true" : "false");
        builder.UseSetting("Seed:DemoPassword", Password);
        builder.UseSetting("Workflows:RunTimers", "false");
        builder.UseSetting("Seed:Cases", "0");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Justice.Workflows.Tests.TestDatabase.Release(ConnectionString);
    }

    /// <summary>The address Kestrel listens on.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        }
    }

    /// <summary>A client of the running server, optionally logged in through the API as a demo role.</summary>
    public Task<HttpClient> ClientAsync(string? role = null) => ClientForEmailAsync(role is null ? null : $"{role}@demo.justice.local");

    /// <summary>A client logged in as any demo account (every one has the demo password).</summary>
    public async Task<HttpClient> ClientForEmailAsync(string? email)
    {
        StartServer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        if (email is null)
            return client;
        var login = await client.PostAsJsonAsync("/api/identity/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
