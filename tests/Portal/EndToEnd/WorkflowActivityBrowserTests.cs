using System.Text;
using System.Text.Json.Nodes;
using System.Net.Http.Json;
using Justice.Portal.Data;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>A definition used as an activity: offered in the designer's toolbox, and its inner path shown in the instance viewer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowActivityBrowserTests(BrowserPortal portal)
{
    static StringContent Fixture(string file) => new(File.ReadAllText(Path.Combine(Features.Designer.DesignerModelTests.Repository,
        "tests", "Workflows", "Fixtures", "Elsa3", "WorkflowDefinitionActivities", file)), Encoding.UTF8, "application/json");

    [Fact]
    public async Task ToolboxOffersTheDefinition_AndTheViewerShowsWhatRanInsideIt()
    {
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        (await api.PostAsync("/api/workflow-definitions/import?publish=true", Fixture("child-with-input.json"))).EnsureSuccessStatusCode();
        (await api.PostAsync("/api/workflow-definitions/import?publish=true", Fixture("parent-with-input.json"))).EnsureSuccessStatusCode();
        var started = await (await api.PostAsJsonAsync("/api/workflow-definitions/parent-with-input/execute", new { })).Content.ReadFromJsonAsync<JsonObject>();
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await DesignerDriver.OpenAsync(page, "designer/parent-with-input");
            var group = page.Locator("section.toolbox-group", new() { Has = page.Locator("[data-toolbox-type='ChildWithInput']") });
            Assert.Equal("流程模块", await group.Locator("h2").InnerTextAsync());
            await DesignerDriver.SelectAsync(page, "ChildActivity1");
            await page.Locator("[data-testid=activity-panel] [data-input='message']").WaitForAsync();

            await page.GotoAsync($"instances/{started!["id"]!.GetValue<string>()}");
            await BrowserPortal.WaitForCircuitAsync(page);
            var path = page.GetByTestId("child-path");
            await path.WaitForAsync();
            Assert.Contains("WriteLine1", await path.Locator("li[data-activity-id='eff084a902159510']").InnerTextAsync());
            var childId = await path.GetAttributeAsync("data-child-instance");
            Assert.Equal(childId, await page.Locator("[data-testid=journal] [data-child-instance]").First.GetAttributeAsync("data-child-instance"));
            await BrowserPortal.ShotAsync(page, "instance-child-path");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
