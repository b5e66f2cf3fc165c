using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>An administrator manages definitions and repairs a faulted instance in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DefinitionAdministrationTests(BrowserPortal portal)
{
    static string Flow(string definitionId, string text, string? child = null) => $$"""
        {
          "definitionId": "{{definitionId}}", "name": "浏览器测试流程",
          "root": { "id": "root", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              {{(child is null ? "" : $$"""{ "id": "run", "type": "Elsa.ExecuteWorkflow", "version": 1, "workflowDefinitionId": "{{child}}", "waitForCompletion": true },""")}}
              { "id": "say", "type": "Elsa.WriteLine", "version": 1, "text": "{{text}}" },
              { "id": "wait", "type": "Elsa.Event", "version": 1, "eventName": "Go" }
            ],
            "connections": [
              {{(child is null ? """{ "source": "start", "sourcePort": "Done", "target": "say", "targetPort": "In" },"""
                  : """{ "source": "start", "sourcePort": "Done", "target": "run", "targetPort": "In" }, { "source": "run", "sourcePort": "Done", "target": "say", "targetPort": "In" },""")}}
              { "source": "say", "sourcePort": "Done", "target": "wait", "targetPort": "In" }
            ] }
        }
        """;

    [Fact]
    public async Task Administrator_ImportsPublishesRevertsAndDeletesADraft_InTheDefinitionPages()
    {
        var file = Path.Combine(Path.GetTempPath(), $"browser-definition-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, Flow("browser-defs", "第一版"));
        var page = await portal.LoginAsync(PortalRoles.Admin);
        try
        {
            await page.GotoAsync("definitions");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.Locator("#import-file").SetInputFilesAsync(file);
            var row = page.Locator("tr:has([data-definition-id='browser-defs'])");
            await row.GetByText("草稿 v1").WaitForAsync();

            await row.GetByRole(AriaRole.Link, new() { Name = "版本 浏览器测试流程" }).ClickAsync();
            await page.WaitForURLAsync("**/definitions/browser-defs");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.GetByTestId("publish-latest").ClickAsync();
            await page.Locator("[data-testid=versions] tr[data-version='1']").GetByText("已发布").WaitForAsync();

            // A second version, published; then version 1 comes back as the draft v3.
            var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
            await api.PostAsync("/api/workflow-definitions/import?publish=true", new StringContent(Flow("browser-defs", "第二版"), Encoding.UTF8, "application/json"));
            await page.ReloadAsync();
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.Locator("[data-testid=versions] tr[data-version='1']").GetByRole(AriaRole.Button, new() { Name = "恢复为草稿 v1" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "恢复为草稿" }).ClickAsync();
            await page.Locator("[data-testid=versions] tr[data-version='3']").GetByText("草稿").WaitForAsync();
            await page.Locator("[data-testid=versions] tr[data-version='3']").GetByRole(AriaRole.Button, new() { Name = "查看 v3" }).ClickAsync();
            await page.Locator("svg [data-activity-id='say']").WaitForAsync();
            await BrowserPortal.ShotAsync(page, "definition-versions");
            var draft = await api.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/browser-defs?version=3");
            Assert.Equal("第一版", draft!["root"]!["activities"]![1]!["text"]!.GetValue<string>());

            await page.GetByTestId("delete-draft").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "删除草稿" }).ClickAsync();
            await page.Locator("[data-testid=versions] tr[data-version='3']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            var latest = await api.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/browser-defs");
            Assert.Equal(2, latest!["version"]!.GetValue<int>());

            await page.GotoAsync("definitions");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.Locator("tr:has([data-definition-id='browser-defs'])").GetByText("已发布 v2").WaitForAsync();
            await BrowserPortal.ShotAsync(page, "definitions");

            // Export gives the file the API gives: the latest version's JSON.
            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.Locator("tr:has([data-definition-id='browser-defs'])").GetByRole(AriaRole.Link, new() { Name = "导出 浏览器测试流程" }).ClickAsync());
            Assert.Equal("browser-defs.json", download.SuggestedFilename);
            var exported = JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!;
            Assert.Equal("browser-defs", exported["definitionId"]!.GetValue<string>());
            Assert.Equal(2, exported["version"]!.GetValue<int>());
        }
        finally
        {
            await page.Context.CloseAsync();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Administrator_RetriesAFaultedActivity_InTheInstanceViewer()
    {
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        await api.PostAsync("/api/workflow-definitions/import?publish=true", new StringContent(Flow("browser-retry", "继续", child: "browser-retry-child"), Encoding.UTF8, "application/json"));
        var faulted = await (await api.PostAsJsonAsync("/api/workflow-definitions/browser-retry/execute", new { })).Content.ReadFromJsonAsync<JsonObject>();
        var id = faulted!["id"]!.GetValue<string>();
        var page = await portal.LoginAsync(PortalRoles.Admin);
        try
        {
            await page.GotoAsync($"instances/{id}");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.Locator("[data-activity-id='run'][data-activity-state='faulted']").WaitForAsync();
            await page.GetByTestId("instance-faults").GetByText("browser-retry-child").WaitForAsync();
            await BrowserPortal.ShotAsync(page, "instance-faulted");

            // The cause mended: the child process is published; the retry carries the instance on.
            await api.PostAsync("/api/workflow-definitions/import?publish=true", new StringContent(Flow("browser-retry-child", "子流程"), Encoding.UTF8, "application/json"));
            await page.Locator("[data-retry='run']").ClickAsync();
            // The child waits for its event, so the parent waits for the child.
            await page.Locator("[data-activity-id='run'][data-activity-state='waiting']").WaitForAsync();
            await page.GetByTestId("instance-faults").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            Assert.Equal("运行中 · 等待中", await page.GetByTestId("instance-status").InnerTextAsync());
            Assert.Equal("Suspended", await page.GetByTestId("instance-status").GetAttributeAsync("data-sub-status"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
