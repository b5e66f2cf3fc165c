using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Data;

namespace Justice.Portal.Tests.Api;

/// <summary>API tokens end with the account's security stamp (a lock, a role change) and a refresh token works once.</summary>
public sealed class BearerTokenTests : IAsyncLifetime
{
    readonly PortalFactory _factory = new();

    public async Task InitializeAsync() => await _factory.ClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AccessToken_OfAnAccountLockedSince_Returns401()
    {
        var (id, tokens) = await NewSecretaryAsync();
        var client = await BearerAsync(tokens);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);

        var admin = await _factory.ClientAsync(PortalRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{id}/lock", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task AccessToken_AfterARoleChange_Returns401()
    {
        var (id, tokens) = await NewSecretaryAsync();
        var client = await BearerAsync(tokens);

        var admin = await _factory.ClientAsync(PortalRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/users/{id}/roles", new { roles = new[] { PortalRoles.Applicant } })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task RefreshToken_UsedTwice_IsRefusedTheSecondTime()
    {
        var (_, tokens) = await NewSecretaryAsync();
        var client = await _factory.ClientAsync();
        var refreshToken = tokens["refreshToken"]!.GetValue<string>();

        var first = await client.PostAsJsonAsync("/api/identity/refresh", new { refreshToken });
        var second = await client.PostAsJsonAsync("/api/identity/refresh", new { refreshToken });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task RefreshToken_FromARefresh_RefreshesAgain_AndItsAccessTokenWorks()
    {
        var (_, tokens) = await NewSecretaryAsync();
        var client = await _factory.ClientAsync();

        var first = await (await client.PostAsJsonAsync("/api/identity/refresh", new { refreshToken = tokens["refreshToken"]!.GetValue<string>() })).Content.ReadFromJsonAsync<JsonObject>();
        var second = await client.PostAsJsonAsync("/api/identity/refresh", new { refreshToken = first!["refreshToken"]!.GetValue<string>() });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var latest = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.OK, (await (await BearerAsync(latest!)).GetAsync("/api/tasks")).StatusCode);
    }

    async Task<(string Id, JsonObject Tokens)> NewSecretaryAsync()
    {
        var email = $"token-{Guid.NewGuid():N}@hengyang.example";
        var admin = await _factory.ClientAsync(PortalRoles.Admin);
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { email, password = PortalFactory.Password, roles = new[] { PortalRoles.Secretary } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var login = await (await _factory.ClientAsync()).PostAsJsonAsync("/api/identity/login", new { email, password = PortalFactory.Password });
        login.EnsureSuccessStatusCode();
        return (id, (await login.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    async Task<HttpClient> BearerAsync(JsonObject tokens)
    {
        var client = await _factory.ClientAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        return client;
    }
}
