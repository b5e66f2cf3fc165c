using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Justice.Portal.Tests.Api;

public sealed class ApiAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/api/workflow-definitions")]
    [InlineData("/api/workflow-instances")]
    [InlineData("/api/tasks")]
    public async Task Get_Unauthenticated_Returns401ProblemNotRedirect(string path)
    {
        var client = await factory.ClientAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_DefinitionsAsSecretary_Returns403()
    {
        var client = await factory.ClientAsync("secretary");

        var response = await client.GetAsync("/api/workflow-definitions");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Page_Unauthenticated_RedirectsToLogin()
    {
        var client = await factory.ClientAsync();

        var response = await client.GetAsync("/Account/Manage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Login_WithCookie_AuthenticatesApiCalls()
    {
        var client = await factory.ClientAsync();
        var login = await client.PostAsJsonAsync("/api/identity/login?useCookies=true", new { email = "admin@demo.justice.local", password = PortalFactory.Password });
        login.EnsureSuccessStatusCode();
        var cookie = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflow-definitions");
        request.Headers.Add("Cookie", cookie);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheWorkflowApi()
    {
        var client = await factory.ClientAsync();

        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        Assert.Contains("/api/workflow-definitions/import", paths.Select(p => p.Key));
        Assert.Contains("/api/tasks/{taskId}/complete", paths.Select(p => p.Key));
        Assert.Contains("/api/events/{eventName}/trigger", paths.Select(p => p.Key));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/v1")).StatusCode);
    }

    [Fact]
    public async Task UnknownApiPath_Returns404Problem()
    {
        var client = await factory.ClientAsync("admin");

        var response = await client.GetAsync("/api/workflow-instances/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(404, problem!["status"]!.GetValue<int>());
    }
}
