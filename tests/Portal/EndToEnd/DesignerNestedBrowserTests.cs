using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Justice.Portal.Tests.Features.Designer;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>Nested structures in the designer: a ForEach drawn with its body, the body opened and edited, the breadcrumb back up.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerNestedBrowserTests(BrowserPortal portal)
{
    static ILocator Node(IPage page, string id) => DesignerDriver.Node(page, id);

    static ILocator Crumbs(IPage page) => page.GetByTestId("designer-breadcrumb");

    /// <summary>A definition (by default the one with a ForEach whose body is a flowchart), saved as a draft under its own id.</summary>
    async Task<string> ImportAsync(string text = DesignerScopeTests.Nested)
    {
        var definition = JsonNode.Parse(text)!.AsObject();
        var id = $"nest-{Guid.NewGuid():N}"[..16];
        definition["definitionId"] = id;
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        (await api.PostAsJsonAsync("/api/workflow-definitions/import", definition)).EnsureSuccessStatusCode();
        return id;
    }

    async Task<JsonObject> ExportAsync(string definitionId)
    {
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        return (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{definitionId}"))!;
    }

    [Fact]
    public async Task ForEachBody_IsOpenedFromItsNode_EditedOnItsOwnCanvas_AndSavedInsideTheBody()
    {
        var id = await ImportAsync();
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await DesignerDriver.OpenAsync(page, $"designer/{id}");
            var body = Node(page, "each").Locator("g.slot[data-slot='body']");
            await Assertions.Expect(body).ToContainTextAsync("循环体：流程图：1 个活动");
            await Assertions.Expect(Node(page, "check").Locator("g.slot[data-slot='else']")).ToContainTextAsync("否则：空");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "逐项送达", Exact = true })).ToHaveAttributeAsync("aria-description", "逐项循环，按 Enter 打开");
            await Assertions.Expect(Crumbs(page)).ToHaveCountAsync(0);
            await BrowserPortal.ShotAsync(page, "designer-nested-root");

            // The keyboard opens it (Enter on the activity), the breadcrumb goes back up.
            await Node(page, "each").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(Crumbs(page).Locator("[aria-current=location]")).ToHaveTextAsync("“逐项送达”的循环体");
            await Assertions.Expect(Node(page, "send")).ToBeVisibleAsync();
            await Assertions.Expect(Node(page, "each")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "送达", Exact = true }).ClickAsync();
            await Assertions.Expect(Crumbs(page)).ToHaveCountAsync(0);

            // The mouse opens it (the body's row on the node); an activity is moved and one added there.
            await body.ClickAsync();
            await Assertions.Expect(Crumbs(page).Locator("[aria-current=location]")).ToHaveTextAsync("“逐项送达”的循环体");
            await page.Locator("[data-testid=designer-canvas][data-viewport-ready]").WaitForAsync();
            var before = await DesignerDriver.PositionAsync(page, "send");
            var (x, y) = await DesignerDriver.CentreAsync(Node(page, "send"));
            await DesignerDriver.DragAsync(page, Node(page, "send"), x, y + 120);
            await Assertions.Expect(Node(page, "send")).Not.ToHaveAttributeAsync("transform", $"translate({before.X} {before.Y})");
            var added = await DesignerDriver.DropFromToolboxAsync(page, "Elsa.WriteLine", 700, 80);
            await Assertions.Expect(page.GetByTestId("designer-dirty")).ToBeVisibleAsync();
            await page.Mouse.MoveAsync(5, 300);
            await BrowserPortal.ShotAsync(page, "designer-nested-body");

            await page.GetByRole(AriaRole.Button, new() { Name = "送达", Exact = true }).ClickAsync();
            await Assertions.Expect(Node(page, "each")).ToBeVisibleAsync();
            await Assertions.Expect(body).ToContainTextAsync("循环体：流程图：2 个活动");
            await page.GetByTestId("designer-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("designer-dirty")).ToHaveCountAsync(0);

            var saved = await ExportAsync(id);
            var root = saved["root"]!["activities"]!.AsArray();
            Assert.Equal(["start", "each", "check"], root.Select(a => a!["id"]!.GetValue<string>()));
            var inBody = root[1]!["body"]!["activities"]!.AsArray();
            Assert.Equal(["send", added], inBody.Select(a => a!["id"]!.GetValue<string>()));
            Assert.True(inBody[0]!["metadata"]!["designer"]!["position"]!["y"]!.GetValue<double>() > before.Y);
            Assert.Equal("kept", root[1]!["body"]!["futureKey"]!.GetValue<string>());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task StructuredRoot_OpensAtItsSteps_EachFlowchartStepOpensOnTheCanvas_AndItReadsInEnglish()
    {
        var id = await ImportAsync(DesignerScopeTests.SequenceRoot);
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await page.GotoAsync($"designer/{id}");
            await BrowserPortal.WaitForCircuitAsync(page);
            var view = page.GetByTestId("container-view");
            await Assertions.Expect(view.Locator(".slot-label")).ToHaveTextAsync(["第 1 步", "第 2 步", "第 3 步"]);
            await Assertions.Expect(view.Locator(".slot-content")).ToHaveTextAsync(["输出文本", "流程图：1 个活动", "分叉"]);
            await Assertions.Expect(page.GetByTestId("designer-not-flowchart")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("toolbox")).ToHaveCountAsync(0);
            await BrowserPortal.ShotAsync(page, "designer-nested-sequence");

            await view.GetByRole(AriaRole.Button, new() { Name = "打开“第 2 步”", Exact = true }).ClickAsync();
            await page.Locator("[data-testid=designer-canvas][data-viewport-ready]").WaitForAsync();
            await Assertions.Expect(Node(page, "b")).ToBeVisibleAsync();
            await Assertions.Expect(Crumbs(page).Locator("[aria-current=location]")).ToHaveTextAsync("“依次办理”的第 2 步");
            await Assertions.Expect(page.GetByTestId("toolbox")).ToBeVisibleAsync();
            await Crumbs(page).GetByRole(AriaRole.Button, new() { Name = "顺序", Exact = true }).ClickAsync();
            await view.GetByRole(AriaRole.Button, new() { Name = "打开“第 3 步”", Exact = true }).ClickAsync();
            await Assertions.Expect(view.Locator(".slot-label")).ToHaveTextAsync(["分支 1"]);
            await Assertions.Expect(Crumbs(page).Locator("[aria-current=location]")).ToHaveTextAsync("“依次办理”的第 3 步");

            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
            await page.WaitForURLAsync($"**/designer/{id}");
            await BrowserPortal.WaitForCircuitAsync(page);
            await Assertions.Expect(view.Locator(".slot-label")).ToHaveTextAsync(["Step 1", "Step 2", "Step 3"]);
            await Assertions.Expect(view.Locator(".slot-content")).ToHaveTextAsync(["Write line", "flowchart, activities: 1", "Fork"]);
            await Assertions.Expect(view.GetByRole(AriaRole.Button, new() { Name = "Open “Step 2”", Exact = true })).ToBeVisibleAsync();
            await BrowserPortal.ShotAsync(page, "designer-nested-sequence-english");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
