using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Portal.Features.Designer;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>Two administrators on the same draft: the later save does not silently overwrite the earlier one.</summary>
public sealed class DesignerSaveConflictTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    static ClaimsPrincipal Admin() => new(new ClaimsIdentity([new Claim(ClaimTypes.Email, "admin@demo.justice.local"), new Claim(ClaimTypes.Role, "admin")], "test"));

    [Fact]
    public async Task Save_AfterSomeoneElseSaved_IsRefused_WithTheirWorkKept_AndWorksAfterReopening()
    {
        var api = await factory.ClientAsync("admin");
        await using var scope = factory.Services.CreateAsyncScope();
        var designer = scope.ServiceProvider.GetRequiredService<DesignerService>();
        var model = designer.New("two-admins", "两位管理员");
        Assert.Null((await designer.SaveAsync(Admin(), model)).Conflict);
        var mine = (await designer.OpenAsync("two-admins"))!;

        // Another administrator saves the draft meanwhile (through the API).
        var theirs = (await api.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/two-admins"))!;
        theirs["name"] = "另一位管理员的修改";
        (await api.PostAsync("/api/workflow-definitions/import", new StringContent(theirs.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        mine.SetDefinitionValue("name", "我的修改", "修改流程名称");
        var refused = await designer.SaveAsync(Admin(), mine);

        Assert.Contains("已被他人修改", refused.Conflict);
        Assert.Equal("另一位管理员的修改", (await api.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/two-admins"))!["name"]!.GetValue<string>());
        var reopened = (await designer.OpenAsync("two-admins"))!;
        reopened.SetDefinitionValue("name", "我的修改", "修改流程名称");
        Assert.Null((await designer.SaveAsync(Admin(), reopened)).Conflict);
        Assert.Equal("我的修改", (await api.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/two-admins"))!["name"]!.GetValue<string>());
    }
}
