using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Data;

namespace Justice.Portal.Tests.Features.Admin;

/// <summary>Users and roles by the administrator, the audit log read by the auditor, lockout reported by the API login.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    readonly PortalFactory _factory = new();

    public async Task InitializeAsync() => await _factory.ClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    async Task<HttpResponseMessage> LoginAsync(string email, string password)
    {
        var client = await _factory.ClientAsync();
        return await client.PostAsJsonAsync("/api/identity/login", new { email, password });
    }

    [Fact]
    public async Task Administrator_CreatesAUser_SetsRoles_Locks_AndTheAuditorReadsEveryChange()
    {
        var admin = await _factory.ClientAsync(PortalRoles.Admin);
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { email = "new.secretary@hengyang.example", password = "Strong#Pass1", roles = new[] { "secretary" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.Content.ReadFromJsonAsync<JsonObject>();
        var id = user!["id"]!.GetValue<string>();
        Assert.Equal(["secretary"], user["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        var roles = await admin.PutAsJsonAsync($"/api/admin/users/{id}/roles", new { roles = new[] { "secretary", "director" } });
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("new.secretary@hengyang.example", "Strong#Pass1")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{id}/lock", null)).StatusCode);
        var refused = await LoginAsync("new.secretary@hengyang.example", "Strong#Pass1");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("LockedOut", await refused.Content.ReadAsStringAsync());

        var auditor = await _factory.ClientAsync(PortalRoles.Auditor);
        var log = await auditor.GetFromJsonAsync<JsonObject>("/api/audit?q=new.secretary");
        var actions = log!["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["user.lock", "user.roles", "user.create"], actions);
        Assert.All(log["items"]!.AsArray(), e => Assert.Equal("admin@demo.justice.local", e!["actor"]!.GetValue<string>()));

        // The auditor reads and changes nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/admin/users", new { email = "x@y.z", password = "Strong#Pass1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.ClientAsync(PortalRoles.Secretary)).GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task WeakPassword_AndUnknownRole_AreRefusedInChinese()
    {
        var admin = await _factory.ClientAsync(PortalRoles.Admin);
        var weak = await admin.PostAsJsonAsync("/api/admin/users", new { email = "weak@hengyang.example", password = "short", roles = new[] { "notary" } });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("密码太短", await weak.Content.ReadAsStringAsync());
        var unknown = await admin.PostAsJsonAsync("/api/admin/users", new { email = "r@hengyang.example", password = "Strong#Pass1", roles = new[] { "king" } });
        Assert.Contains("未知角色", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RepeatedFailedLogins_LockTheAccount_AndTheApiLoginSaysSo()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("verifier@demo.justice.local", "wrong-password")).StatusCode);

        var locked = await LoginAsync("verifier@demo.justice.local", PortalFactory.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("LockedOut", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DefinitionChanges_AreAudited()
    {
        var admin = await _factory.ClientAsync(PortalRoles.Admin);
        var definition = new JsonObject { ["definitionId"] = "audited", ["name"] = "审计测试", ["root"] = new JsonObject { ["id"] = "r", ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray() } };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions/import?publish=true", new StringContent(definition.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/workflow-definitions/audited/retract", null)).StatusCode);

        var log = await (await _factory.ClientAsync(PortalRoles.Auditor)).GetFromJsonAsync<JsonObject>("/api/audit?action=definition");
        var entries = log!["items"]!.AsArray().Where(e => e!["target"]!.GetValue<string>().StartsWith("audited")).Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["definition.retract", "definition.import"], entries);
    }
}
