using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Portal.Data;
using Justice.Workflows.Runtime.State;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>A head hands a task on from the inbox, choosing the person from the roster the rules allow.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReassignBrowserTests(BrowserPortal portal)
{
    const string Definition = """
        { "definitionId": "director-decision-e2e", "name": "主任决定",
          "inputs": [{ "name": "CaseId", "type": "String" }],
          "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "decide", "type": "Justice.UserTask", "version": 1,
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "主任决定：改派演示" } },
                "role": { "typeName": "String", "expression": { "type": "Literal", "value": "director" } },
                "caseId": { "typeName": "String", "expression": { "type": "JavaScript", "value": "getInput('CaseId')" } },
                "outcomes": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"同意\"]" } } },
              { "id": "end", "type": "Elsa.End", "version": 1 }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "decide", "port": "In" } },
              { "source": { "activity": "decide", "port": "同意" }, "target": { "activity": "end", "port": "In" } }
            ] } }
        """;

    [Fact]
    public async Task Director_ReassignsATaskOfTheCommission_ToAnotherDirector_ChosenFromTheRoster()
    {
        var services = portal.Factory.Services;
        string caseId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync())
            caseId = await db.Cases.Where(c => c.Kind == "arbitration").OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        const string deputy = "deputy-director@demo.justice.local";
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            if (await users.FindByEmailAsync(deputy) is null)
            {
                var user = new ApplicationUser { UserName = deputy, Email = deputy, EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user, PortalFactory.Password)).Succeeded);
                await users.AddToRoleAsync(user, PortalRoles.Director);
            }
        }
        var admin = await portal.Factory.ClientAsync("admin");
        (await admin.PostAsync("/api/workflow-definitions/import?publish=true", new StringContent(Definition, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var started = await admin.PostAsJsonAsync("/api/workflow-definitions/director-decision-e2e/execute", new { input = new { CaseId = caseId } });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        HumanTaskRecord task;
        await using (var db = await services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync())
            task = await db.HumanTasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId);

        var page = await portal.LoginAsync("director");
        try
        {
            await page.GotoAsync($"inbox?case={Uri.EscapeDataString(caseId)}");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.Locator($"tr:has([data-task-id='{task.Id}'])").GetByRole(AriaRole.Button, new() { Name = "改派 主任决定：改派演示", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.WaitForAsync();
            await page.Locator(".mud-dialog [data-testid=reassign-to]").Or(dialog.Locator(".mud-select")).First.ClickAsync();
            var options = page.Locator(".mud-popover-open .mud-list-item");
            await options.First.WaitForAsync();
            var listed = await options.AllInnerTextsAsync();
            Assert.Contains(listed, o => o.Contains(deputy));
            Assert.DoesNotContain(listed, o => o.Contains("auditor") || o.Contains("applicant") || o.Contains("secretary"));
            await options.Filter(new() { HasText = deputy }).First.ClickAsync();
            var submit = dialog.GetByRole(AriaRole.Button, new() { Name = "提交" });
            await Assertions.Expect(submit).ToBeEnabledAsync();
            await BrowserPortal.ShotAsync(page, "inbox-reassign-dialog");
            await submit.ClickAsync();
            await page.Locator($"[data-task-id='{task.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        await using (var db = await services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync())
            Assert.Equal(deputy, (await db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id)).Assignee);
        await using var audit = services.CreateAsyncScope();
        Assert.True(await audit.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditLog.AnyAsync(e => e.Action == "task.reassign" && e.Target == task.Id));
    }
}
