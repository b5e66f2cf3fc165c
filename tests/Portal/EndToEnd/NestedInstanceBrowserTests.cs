using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Portal.Data;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>An administrator follows a structured process into its containers and iterations in the instance viewer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NestedInstanceBrowserTests(BrowserPortal portal)
{
    const string Definition = """
        {
          "definitionId": "browser-nested", "name": "逐一送达流程",
          "root": { "id": "s", "type": "Elsa.Sequence", "version": 1, "name": "送达", "activities": [
            { "id": "hello", "type": "Elsa.WriteLine", "version": 1, "name": "开始送达", "text": "开始" },
            { "id": "each", "type": "Elsa.ParallelForEach", "version": 1, "name": "逐一送达",
              "items": { "typeName": "Object[]", "expression": { "type": "JavaScript", "value": "['申请人', '被申请人']" } },
              "body": { "id": "serve", "type": "Elsa.Sequence", "version": 1, "name": "送达一方", "activities": [
                { "id": "wait", "type": "Elsa.Event", "version": 1, "name": "等待回证",
                  "eventName": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'回证-' + getCurrentValue()" } } },
                { "id": "log", "type": "Elsa.WriteLine", "version": 1, "name": "记录回证", "text": "已送达" } ] } } ] }
        }
        """;

    [Fact]
    public async Task Administrator_OpensAParallelForEach_AndAnIteration_SeesWhereEachWaits()
    {
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        var imported = await api.PostAsync("/api/workflow-definitions/import?publish=true", new StringContent(Definition, Encoding.UTF8, "application/json"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var instance = await (await api.PostAsJsonAsync("/api/workflow-definitions/browser-nested/execute", new { correlationId = "NEST-1" })).Content.ReadFromJsonAsync<JsonObject>();
        var id = instance!["id"]!.GetValue<string>();
        await api.PostAsJsonAsync("/api/events/回证-申请人/trigger", new { correlationId = "NEST-1" });
        var page = await portal.LoginAsync(PortalRoles.Admin);
        try
        {
            await page.GotoAsync($"instances/{id}");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.Locator("[data-activity-id='each'][data-activity-state='waiting']").WaitForAsync();

            await page.Locator("[data-open-scope='each']").ClickAsync();
            await page.Locator("[data-activity-id='serve#0'][data-activity-state='completed']").WaitForAsync();
            await page.Locator("[data-activity-id='serve#1'][data-activity-state='waiting']").WaitForAsync();

            await page.Locator("[data-open-scope='serve#1']").ClickAsync();
            await page.Locator("[data-activity-id='wait#1'][data-activity-state='waiting']").WaitForAsync();
            Assert.Equal("逐一送达流程 › 逐一送达 › 送达一方 #1", (await page.GetByTestId("diagram-trail").InnerTextAsync()).Replace("\n", "").Trim());
            await BrowserPortal.ShotAsync(page, "instance-iteration");

            await page.GetByTestId("diagram-trail").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "逐一送达", Exact = true }).ClickAsync();
            await page.Locator("[data-activity-id='serve#1']").WaitForAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
