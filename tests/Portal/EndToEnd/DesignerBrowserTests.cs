using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Justice.Workflows.Activities;
using Justice.Workflows.Definitions;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>The designer in Chromium, driven with the mouse as an administrator drives it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerBrowserTests(BrowserPortal portal)
{
    static Task<IPage> OpenDesignerAsync(IPage page, string path) => DesignerDriver.OpenAsync(page, path);

    static ILocator Node(IPage page, string id) => DesignerDriver.Node(page, id);

    [Fact]
    public async Task ArbitrationCase_OpensInChinese_WithEveryActivityDrawnAndNamed()
    {
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await OpenDesignerAsync(page, "designer/arbitration-case");
            var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Features.Designer.DesignerModelTests.Repository, "workflow-definitions", "arbitration-case.json")))!;
            var activities = file["root"]!["activities"]!.AsArray();
            var nodes = page.Locator("[data-testid=designer-canvas] g.node[data-activity-id]");
            Assert.Equal(activities.Count, await nodes.CountAsync());
            foreach (var activity in activities.Take(12))
            {
                var node = page.Locator($"g.node[data-activity-id='{activity!["id"]}']");
                Assert.Equal(activity["type"]!.GetValue<string>(), await node.GetAttributeAsync("data-activity-type"));
                await Assertions.Expect(node).ToHaveAccessibleNameAsync(activity["name"]!.GetValue<string>());
            }
            // The toolbox lists every activity type the engine has (the root flowchart aside), from their metadata.
            var registry = portal.Factory.Services.GetRequiredService<ActivityRegistry>();
            Assert.Equal(registry.Descriptors.Count(d => d.TypeName != "Elsa.Flowchart"), await page.Locator("[data-toolbox-type]").CountAsync());
            Assert.Equal(0, await page.Locator("[data-testid=problems] li").CountAsync());

            // Selecting an activity (here by keyboard) shows its inputs in Chinese.
            await page.Locator("g.node[data-activity-id='review']").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var panel = page.GetByTestId("activity-panel");
            await Assertions.Expect(panel).ToHaveAttributeAsync("data-activity-id", "review");
            await Assertions.Expect(panel.GetByText("处理结果", new() { Exact = true })).ToBeVisibleAsync();
            // Every field of the panel and the toolbox has a label (the canvas's nodes have their names).
            var unlabelled = await page.EvaluateAsync<string[]>(AccessibilityTests.UnlabelledFields);
            Assert.True(unlabelled.Length == 0, $"unlabelled fields: {string.Join(", ", unlabelled)}");
            await page.Mouse.MoveAsync(5, 300);
            await BrowserPortal.ShotAsync(page, "designer-arbitration");

            // The process's own panel: its fields are labelled too.
            await page.GetByRole(AriaRole.Tab, new() { Name = "流程" }).ClickAsync();
            await page.GetByTestId("workflow-panel").WaitForAsync();
            unlabelled = await page.EvaluateAsync<string[]>(AccessibilityTests.UnlabelledFields);
            Assert.True(unlabelled.Length == 0, $"unlabelled fields: {string.Join(", ", unlabelled)}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
    /// <summary>A case for the new process to work on, made by the engine as a filing makes one.</summary>
    async Task<string> NewCaseAsync()
    {
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        var helper = new JsonObject
        {
            ["definitionId"] = "designer-test-case",
            ["name"] = "设计器测试：建立案件",
            ["root"] = new JsonObject
            {
                ["id"] = "flow",
                ["type"] = "Elsa.Flowchart",
                ["activities"] = new JsonArray(
                    new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
                    new JsonObject { ["id"] = "create", ["type"] = "Justice.CreateCase", ["kind"] = "arbitration", ["title"] = "设计器测试案件" }),
                ["connections"] = new JsonArray(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = "create", ["port"] = "In" },
                }),
            },
        };
        (await api.PostAsJsonAsync("/api/workflow-definitions/import?publish=true", helper)).EnsureSuccessStatusCode();
        var run = await api.PostAsJsonAsync("/api/workflow-definitions/designer-test-case/execute", new JsonObject());
        run.EnsureSuccessStatusCode();
        return (await run.Content.ReadFromJsonAsync<JsonObject>())!["correlationId"]!.GetValue<string>();
    }

    [Fact]
    public async Task Administrator_DrawsANewProcess_PublishesAndStartsIt_AndTheViewerShowsThePathTaken()
    {
        var caseId = await NewCaseAsync();
        var definitionId = $"approval-{Guid.NewGuid():N}"[..20];
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        var inbox = new InboxDriver(portal, caseId);
        try
        {
            await page.GotoAsync("designer/new");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.GetByLabel("流程标识").FillAsync(definitionId);
            await page.GetByLabel("流程名称").FillAsync("设计器画的审批");
            await page.GetByRole(AriaRole.Button, new() { Name = "创建并打开设计器" }).ClickAsync();
            await page.Locator("[data-testid=designer-canvas][data-viewport-ready]").WaitForAsync();

            var start = await DesignerDriver.DropFromToolboxAsync(page, "Elsa.Start", 120, 260);
            var task = await DesignerDriver.DropFromToolboxAsync(page, "Justice.UserTask", 400, 260);
            var yes = await DesignerDriver.DropFromToolboxAsync(page, "Justice.IssueDocument", 720, 120);
            var no = await DesignerDriver.DropFromToolboxAsync(page, "Justice.IssueDocument", 720, 420);
            Assert.Equal(4, await page.Locator("g.node[data-activity-id]").CountAsync());
            // A user task without a role, and documents without a template, do not validate yet: shown on the canvas and in the list.
            await Assertions.Expect(Node(page, task)).Not.ToHaveAttributeAsync("data-problem-count", "0");
            await Assertions.Expect(page.Locator($"[data-testid=problems] li[data-problem-activity='{task}']")).Not.ToHaveCountAsync(0);

            await DesignerDriver.SelectAsync(page, task);
            var panel = page.GetByTestId("activity-panel");
            await panel.Locator("[data-input='title'] input.text-input").FillAsync("审批申请");
            await panel.Locator("[data-input='title'] input.text-input").PressAsync("Tab");
            await DesignerDriver.PickAsync(page, "role", "仲裁秘书");
            var outcome = panel.Locator("[data-input='outcomes'] input.list-input");
            await outcome.FillAsync("同意");
            await outcome.PressAsync("Enter");
            await outcome.FillAsync("不同意");
            await outcome.PressAsync("Enter");
            await Node(page, task).Locator("g.port[data-port='不同意']").WaitForAsync();
            await Assertions.Expect(Node(page, task)).ToHaveAttributeAsync("data-problem-count", "0");

            foreach (var (id, template, title) in new[] { (yes, "arbitration/acceptance-notice", "同意通知"), (no, "arbitration/rejection-notice", "不同意通知") })
            {
                await DesignerDriver.SelectAsync(page, id);
                await DesignerDriver.PickAsync(page, "template", template);
                await DesignerDriver.PickAsync(page, "numbering", "不编号");
                await panel.Locator("[data-input='title'] input.text-input").FillAsync(title);
                await panel.Locator("[data-input='title'] input.text-input").PressAsync("Tab");
                await Assertions.Expect(Node(page, id)).ToHaveAttributeAsync("data-problem-count", "0");
            }

            await DesignerDriver.ConnectAsync(page, start, "Done", task);
            await DesignerDriver.ConnectAsync(page, task, "同意", yes);
            await DesignerDriver.ConnectAsync(page, task, "不同意", no);
            await Assertions.Expect(page.GetByTestId("problems")).ToContainTextAsync("校验通过");

            await page.GetByTestId("designer-publish").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("designer-status")).ToContainTextAsync("已发布");
            await page.WaitForURLAsync($"**/designer/{definitionId}");
            await BrowserPortal.ShotAsync(page, "designer-new-published");

            // What was published is what was drawn: the connections from the ports, the inputs, the positions.
            var definitions = portal.Factory.Services.GetRequiredService<WorkflowDefinitionService>();
            var published = await definitions.GetPublishedModelAsync(definitionId);
            Assert.NotNull(published);
            Assert.True(published.IsValid);
            var saved = published.Document["root"]!["activities"]!.AsArray().Select(a => a!["metadata"]!["designer"]!).ToList();
            Assert.All(saved, d => Assert.True(d["position"]!["x"] is not null && d["size"]!["width"]!.GetValue<double>() > 0));

            await page.GetByTestId("designer-start").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("关联号（案件 id）").FillAsync(caseId);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "启动", Exact = true }).ClickAsync();
            try
            {
                await page.WaitForURLAsync("**/instances/**");
            }
            catch (TimeoutException)
            {
                await BrowserPortal.ShotAsync(page, "failed-designer-start");
                throw;
            }
            var instanceId = page.Url.Split('/').Last();
            await Assertions.Expect(page.Locator($"g[data-activity-id='{task}']")).ToHaveAttributeAsync("data-activity-state", "waiting");

            await inbox.CompleteAsync("secretary@demo.justice.local", task, "同意");

            await page.GotoAsync($"instances/{instanceId}");
            await Assertions.Expect(page.Locator($"g[data-activity-id='{start}']")).ToHaveAttributeAsync("data-activity-state", "completed");
            await Assertions.Expect(page.Locator($"g[data-activity-id='{task}']")).ToHaveAttributeAsync("data-activity-state", "completed");
            await Assertions.Expect(page.Locator($"g[data-activity-id='{yes}']")).ToHaveAttributeAsync("data-activity-state", "completed");
            Assert.Contains(await page.Locator($"g[data-activity-id='{no}']").GetAttributeAsync("data-activity-state"), new[] { "skipped", "not-run" });
            await Assertions.Expect(page.Locator($"path[data-source='{task}'][data-target='{yes}']")).ToHaveAttributeAsync("data-taken", "true");
            await Assertions.Expect(page.Locator($"path[data-source='{task}'][data-target='{no}']")).ToHaveAttributeAsync("data-taken", "false");
            await BrowserPortal.ShotAsync(page, "designer-new-instance");
        }
        finally
        {
            await inbox.CloseAsync();
            await page.Context.CloseAsync();
        }
    }
    /// <summary>A copy of a shipped definition under its own id, saved as a draft, for a test to change freely.</summary>
    async Task<string> DraftCopyAsync(string file)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(Features.Designer.DesignerModelTests.Repository, "workflow-definitions", file)))!.AsObject();
        var id = $"copy-{Guid.NewGuid():N}"[..16];
        definition["definitionId"] = id;
        definition.Remove("id");
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        (await api.PostAsJsonAsync("/api/workflow-definitions/import", definition)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task Gestures_MoveSelectDeleteUndoRedoZoomPan_AndSaveKeepsThePositions()
    {
        var id = await DraftCopyAsync("general-approval.json");
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await OpenDesignerAsync(page, $"designer/{id}");
            Assert.Equal(6, await page.Locator("g.node[data-activity-id]").CountAsync());
            var before = await DesignerDriver.PositionAsync(page, "log");

            // Move by dragging; undo and redo with the keyboard.
            var (x, y) = await DesignerDriver.CentreAsync(Node(page, "log"));
            await DesignerDriver.DragAsync(page, Node(page, "log"), x + 90, y + 60);
            await Assertions.Expect(Node(page, "log")).Not.ToHaveAttributeAsync("transform", $"translate({before.X} {before.Y})");
            // The move is made when the button is released (the draft turns dirty then): read the position after that,
            // not while the last pointer moves of the drag may still be arriving.
            await Assertions.Expect(page.GetByTestId("designer-dirty")).ToBeVisibleAsync();
            var moved = await DesignerDriver.PositionAsync(page, "log");
            Assert.True(moved.X > before.X && moved.Y > before.Y, $"{before} → {moved}");
            await page.Keyboard.PressAsync("Control+z");
            await Assertions.Expect(Node(page, "log")).ToHaveAttributeAsync("transform", $"translate({before.X} {before.Y})");
            await page.Keyboard.PressAsync("Control+y");
            await Assertions.Expect(Node(page, "log")).ToHaveAttributeAsync("transform", $"translate({moved.X} {moved.Y})");

            // Multi-select with Ctrl-click, delete with the keyboard (connections go with the activities), undo.
            await Node(page, "approved").ClickAsync();
            await Node(page, "returned").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
            await Assertions.Expect(Node(page, "approved")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(Node(page, "returned")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(page.GetByTestId("panel-hint")).ToContainTextAsync("已选择 2 个活动");
            await page.Keyboard.PressAsync("Delete");
            await Assertions.Expect(page.Locator("g.node[data-activity-id]")).ToHaveCountAsync(4);
            await Assertions.Expect(page.Locator("path.edge")).ToHaveCountAsync(2);
            await page.Keyboard.PressAsync("Control+z");
            await Assertions.Expect(page.Locator("g.node[data-activity-id]")).ToHaveCountAsync(6);
            await Assertions.Expect(page.Locator("path.edge")).ToHaveCountAsync(6);

            // Select an area with Shift-drag on the background.
            var a = (await Node(page, "approved").BoundingBoxAsync())!;
            var r = (await Node(page, "returned").BoundingBoxAsync())!;
            await page.Keyboard.PressAsync("Escape");
            await page.Keyboard.DownAsync("Shift");
            await page.Mouse.MoveAsync(a.X - 15, a.Y - 15);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(r.X + r.Width + 15, r.Y + r.Height + 15, new() { Steps = 10 });
            await page.Mouse.UpAsync();
            await page.Keyboard.UpAsync("Shift");
            await Assertions.Expect(Node(page, "approved")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(Node(page, "returned")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(Node(page, "review")).ToHaveAttributeAsync("aria-pressed", "false");

            // Zoom with the wheel and the buttons; pan by dragging the background.
            var zoom = await page.Locator(".canvas-zoom").InnerTextAsync();
            await page.Mouse.MoveAsync(a.X + a.Width / 2, a.Y - 40);
            await page.Mouse.WheelAsync(0, -300);
            await Assertions.Expect(page.Locator(".canvas-zoom")).Not.ToHaveTextAsync(zoom);
            zoom = await page.Locator(".canvas-zoom").InnerTextAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "缩小" }).ClickAsync();
            await Assertions.Expect(page.Locator(".canvas-zoom")).Not.ToHaveTextAsync(zoom);
            var view = await DesignerDriver.ViewportAsync(page);
            var canvas = (await page.Locator("[data-testid=designer-canvas] svg.canvas-svg").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(canvas.X + 20, canvas.Y + canvas.Height - 20);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(canvas.X + 140, canvas.Y + canvas.Height - 60, new() { Steps = 8 });
            await page.Mouse.UpAsync();
            await Assertions.Expect(page.Locator("[data-testid=designer-canvas] g.viewport")).Not.ToHaveAttributeAsync("transform", view);
            await page.GetByRole(AriaRole.Button, new() { Name = "适应画布" }).ClickAsync();

            // A script with a syntax error is reported at once, at the activity and in the list.
            await DesignerDriver.SelectAsync(page, "log");
            var script = page.Locator("[data-testid=activity-panel] [data-input='text'] textarea");
            await script.FillAsync("`审批结果：${getDecision()");
            await script.PressAsync("Tab");
            await Assertions.Expect(page.Locator("[data-testid=activity-panel] [data-input='text'] .syntax.error")).ToContainTextAsync("JavaScript 语法错误");
            await Assertions.Expect(Node(page, "log")).ToHaveAttributeAsync("data-problem-count", "1");
            await Assertions.Expect(page.Locator("[data-testid=problems] li[data-problem-activity='log']")).ToHaveCountAsync(1);
            // The list leads to the activity.
            await DesignerDriver.SelectAsync(page, "start");
            await page.Locator("[data-testid=problems] li[data-problem-activity='log'] .problem-link").ClickAsync();
            await Assertions.Expect(page.GetByTestId("activity-panel")).ToHaveAttributeAsync("data-activity-id", "log");
            await Assertions.Expect(Node(page, "log")).ToHaveAttributeAsync("aria-pressed", "true");
            await script.FillAsync("`审批结果：${getDecision()}`");
            await script.PressAsync("Tab");
            await Assertions.Expect(Node(page, "log")).ToHaveAttributeAsync("data-problem-count", "0");
            await Assertions.Expect(page.GetByTestId("problems")).ToContainTextAsync("校验通过");

            // Auto-layout is one step too.
            await page.GetByRole(AriaRole.Button, new() { Name = "自动布局" }).ClickAsync();
            await Assertions.Expect(Node(page, "log")).Not.ToHaveAttributeAsync("transform", $"translate({moved.X} {moved.Y})");
            await page.GetByRole(AriaRole.Button, new() { Name = "撤销 (Ctrl+Z)" }).ClickAsync();
            await Assertions.Expect(Node(page, "log")).ToHaveAttributeAsync("transform", $"translate({moved.X} {moved.Y})");

            // Saved as a draft: what the API exports has the moved position.
            await page.GetByTestId("designer-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("designer-dirty")).ToHaveCountAsync(0);
            var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
            var exported = await api.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}");
            var log = exported!["root"]!["activities"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "log")!;
            Assert.Equal(moved.X, log["metadata"]!["designer"]!["position"]!["x"]!.GetValue<double>());
            Assert.Equal(moved.Y, log["metadata"]!["designer"]!["position"]!["y"]!.GetValue<double>());
            Assert.False(exported["isPublished"]!.GetValue<bool>());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
    [Fact]
    public async Task InEnglish_TheToolboxTheCanvasAndThePanelReadInEnglish()
    {
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await OpenDesignerAsync(page, "designer/general-approval");
            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
            await page.WaitForURLAsync("**/designer/general-approval");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.Locator("[data-testid=designer-canvas][data-viewport-ready]").WaitForAsync();

            var chinese = new System.Text.RegularExpressions.Regex(@"[\u4e00-\u9fff]");
            var toolbox = await page.GetByTestId("toolbox").InnerTextAsync();
            Assert.Contains("User task", toolbox);
            Assert.False(chinese.IsMatch(toolbox), toolbox);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToBeVisibleAsync();

            await DesignerDriver.SelectAsync(page, "review");
            // The definition's own texts (names, titles) stay as written; every word of the designer is English.
            var labels = await page.Locator("[data-testid=activity-panel] :is(h3, .input-label, .input-help, .panel-sub, .panel-description)").AllInnerTextsAsync();
            Assert.Contains("Title", labels);
            Assert.All(labels, l => Assert.False(chinese.IsMatch(l), l));
            var ports = await Node(page, "review").Locator("text.port-label").AllTextContentsAsync();
            Assert.Contains("Overdue", ports);
            await BrowserPortal.ShotAsync(page, "designer-english");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
