using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>An administrator moves an instance to another version in the instance viewer; a refusal says why.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InstanceMigrationBrowserTests(BrowserPortal portal)
{
    static StringContent Flow(string text, bool withHearing, string definitionId = "browser-migrate") => new($$"""
        {
          "definitionId": "{{definitionId}}", "name": "浏览器迁移流程",
          "root": { "id": "root", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              {{(withHearing ? """{ "id": "hearing", "name": "仲裁庭审理", "type": "Elsa.Event", "version": 1, "eventName": "HearingHeld" },""" : "")}}
              { "id": "say", "type": "Elsa.WriteLine", "version": 1, "text": "{{text}}" }
            ],
            "connections": [
              {{(withHearing
                  ? """{ "source": "start", "sourcePort": "Done", "target": "hearing", "targetPort": "In" }, { "source": "hearing", "sourcePort": "Done", "target": "say", "targetPort": "In" }"""
                  : """{ "source": "start", "sourcePort": "Done", "target": "say", "targetPort": "In" }""")}}
            ] }
        }
        """, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Administrator_MigratesAnInstance_InTheViewer_AfterARefusalThatNamesTheWaitingActivity()
    {
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        (await api.PostAsync("/api/workflow-definitions/import?publish=true", Flow("第一版", withHearing: true))).EnsureSuccessStatusCode();
        var started = await (await api.PostAsJsonAsync("/api/workflow-definitions/browser-migrate/execute", new { })).Content.ReadFromJsonAsync<JsonObject>();
        var id = started!["id"]!.GetValue<string>();
        (await api.PostAsync("/api/workflow-definitions/import?publish=true", Flow("第二版", withHearing: false))).EnsureSuccessStatusCode();
        (await api.PostAsync("/api/workflow-definitions/import?publish=true", Flow("第三版", withHearing: true))).EnsureSuccessStatusCode();
        var page = await portal.LoginAsync(PortalRoles.Admin);
        try
        {
            await page.GotoAsync($"instances/{id}");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.Locator("[data-activity-id='hearing'][data-activity-state='waiting']").WaitForAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "迁移到版本…", Exact = true }).ClickAsync();
            var panel = page.GetByTestId("migration");

            // Version 2 has no hearing: refused, and the reason names the activity.
            await BrowserPortal.ChooseAsync(page, panel, "目标版本", "v2");
            await panel.GetByRole(AriaRole.Button, new() { Name = "迁移", Exact = true }).ClickAsync();
            await page.GetByTestId("migration-refusals").GetByText("目标版本 2 中没有正在等待的活动“仲裁庭审理”（hearing）。", new() { Exact = true }).WaitForAsync();
            await BrowserPortal.ShotAsync(page, "instance-migration-refused");

            await BrowserPortal.ChooseAsync(page, panel, "目标版本", "v3");
            await panel.GetByRole(AriaRole.Button, new() { Name = "迁移", Exact = true }).ClickAsync();
            await page.Locator("h1 small", new() { HasText = "v3" }).WaitForAsync();
            await panel.WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await page.GetByTestId("journal").GetByText("v1 → v3", new() { Exact = true }).WaitForAsync();

            var instance = await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{id}");
            Assert.Equal(3, instance!["definitionVersion"]!.GetValue<int>());
            await api.PostAsJsonAsync("/api/events/HearingHeld/trigger", new { workflowInstanceId = id });
            var finished = await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{id}");
            Assert.Contains(finished!["journal"]!.AsArray(), j => j!["data"]?["text"]?.GetValue<string>() == "第三版");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Administrator_MigratesTheInstancesOfAVersion_OnTheDefinitionsPage_AndReadsTheCounts()
    {
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        (await api.PostAsync("/api/workflow-definitions/import?publish=true", Flow("第一版", withHearing: true, "browser-migrate-all"))).EnsureSuccessStatusCode();
        for (var i = 0; i < 2; i++)
            (await api.PostAsJsonAsync("/api/workflow-definitions/browser-migrate-all/execute", new { correlationId = $"B-{i}" })).EnsureSuccessStatusCode();
        (await api.PostAsync("/api/workflow-definitions/import?publish=true", Flow("第二版", withHearing: true, "browser-migrate-all"))).EnsureSuccessStatusCode();
        var page = await portal.LoginAsync(PortalRoles.Admin);
        try
        {
            await page.GotoAsync("definitions/browser-migrate-all");
            await BrowserPortal.WaitForCircuitAsync(page);
            var form = page.GetByTestId("bulk-migration");
            await BrowserPortal.ChooseAsync(page, form, "起始版本", "v1");
            await BrowserPortal.ChooseAsync(page, form, "目标版本", "v2");
            await form.GetByRole(AriaRole.Button, new() { Name = "迁移实例", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "迁移实例", Exact = true }).ClickAsync();

            await page.GetByTestId("bulk-migration-result").GetByText("已迁移 2 个实例，0 个未迁移。", new() { Exact = true }).WaitForAsync();
            await page.Locator("[data-testid=versions] tr[data-version='2']").GetByText("2 / 2").WaitForAsync();
            await BrowserPortal.ShotAsync(page, "definition-bulk-migration");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
