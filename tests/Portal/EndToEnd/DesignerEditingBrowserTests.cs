using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>The designer's editing beyond drawing: copy and paste, reconnecting, renaming ids, starting with an input.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerEditingBrowserTests(BrowserPortal portal)
{
    static ILocator Node(IPage page, string id) => DesignerDriver.Node(page, id);

    static ILocator Edge(IPage page, string source, string target) =>
        page.Locator($"[data-testid=designer-canvas] path.edge[data-source='{source}'][data-target='{target}']");

    static ILocator Nodes(IPage page) => page.Locator("[data-testid=designer-canvas] g.node[data-activity-id]");

    static ILocator Edges(IPage page) => page.Locator("[data-testid=designer-canvas] path.edge:not(.draft)");

    /// <summary>A copy of general-approval under its own id, saved as a draft, for a test to change freely.</summary>
    async Task<string> DraftCopyAsync()
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(Features.Designer.DesignerModelTests.Repository, "workflow-definitions", "general-approval.json")))!.AsObject();
        var id = $"edit-{Guid.NewGuid():N}"[..16];
        definition["definitionId"] = id;
        definition.Remove("id");
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
    public async Task CopyCutAndPaste_WithKeysAndToolbar_PasteNewIdsWithTheConnectionsAmongThem_EachOneUndoStep()
    {
        var id = await DraftCopyAsync();
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await DesignerDriver.OpenAsync(page, $"designer/{id}");
            var review = await DesignerDriver.PositionAsync(page, "review");

            // Ctrl+C, Ctrl+V: two activities with the connection between them, not those to the rest.
            await Node(page, "review").ClickAsync();
            await Node(page, "approved").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
            await page.Keyboard.PressAsync("Control+c");
            await page.Keyboard.PressAsync("Control+v");
            await Assertions.Expect(Nodes(page)).ToHaveCountAsync(8);
            await Assertions.Expect(Node(page, "review1")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(Node(page, "approved1")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(Node(page, "review")).ToHaveAttributeAsync("aria-pressed", "false");
            await Assertions.Expect(Node(page, "review1")).ToHaveAccessibleNameAsync("秘书审核 2");
            await Assertions.Expect(Edge(page, "review1", "approved1")).ToHaveAttributeAsync("data-port", "同意");
            await Assertions.Expect(Edges(page)).ToHaveCountAsync(7);
            Assert.Equal((review.X + 40, review.Y + 40), await DesignerDriver.PositionAsync(page, "review1"));
            await Assertions.Expect(page.GetByTestId("problems")).Not.ToContainTextAsync("重复");
            await page.Mouse.MoveAsync(5, 300);
            await BrowserPortal.ShotAsync(page, "designer-pasted");

            // One undo step takes the paste away.
            await page.Keyboard.PressAsync("Control+z");
            await Assertions.Expect(Nodes(page)).ToHaveCountAsync(6);
            await Assertions.Expect(Edges(page)).ToHaveCountAsync(6);

            // Ctrl+X takes an activity and its connections away in one step; the toolbar's paste brings it back, unconnected.
            await Node(page, "log").ClickAsync();
            await page.Keyboard.PressAsync("Control+x");
            await Assertions.Expect(Nodes(page)).ToHaveCountAsync(5);
            await Assertions.Expect(Edges(page)).ToHaveCountAsync(3);
            await page.GetByRole(AriaRole.Button, new() { Name = "粘贴活动 (Ctrl+V)" }).ClickAsync();
            await Assertions.Expect(Node(page, "log1")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(Nodes(page)).ToHaveCountAsync(6);
            await Assertions.Expect(Edges(page)).ToHaveCountAsync(3);
            await page.GetByRole(AriaRole.Button, new() { Name = "撤销 (Ctrl+Z)" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "撤销 (Ctrl+Z)" }).ClickAsync();
            await Assertions.Expect(Node(page, "log")).ToBeVisibleAsync();
            await Assertions.Expect(Edges(page)).ToHaveCountAsync(6);

            // The toolbar's copy, cut and paste, with their Chinese labels.
            await Node(page, "end").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "复制所选活动 (Ctrl+C)" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "粘贴活动 (Ctrl+V)" }).ClickAsync();
            await Assertions.Expect(Node(page, "end1")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(page.GetByTestId("designer-cut")).ToContainTextAsync("剪切");
            await page.GetByRole(AriaRole.Button, new() { Name = "剪切所选活动 (Ctrl+X)" }).ClickAsync();
            await Assertions.Expect(Node(page, "end1")).ToHaveCountAsync(0);
            await Assertions.Expect(Nodes(page)).ToHaveCountAsync(6);

            // Pasted twice and saved: the engine gets unique ids.
            await Node(page, "review").ClickAsync();
            await page.Keyboard.PressAsync("Control+c");
            await page.Keyboard.PressAsync("Control+v");
            await page.Keyboard.PressAsync("Control+v");
            await Assertions.Expect(Node(page, "review2")).ToHaveAttributeAsync("aria-pressed", "true");
            await page.GetByTestId("designer-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("designer-dirty")).ToHaveCountAsync(0);
            var ids = (await ExportAsync(id))["root"]!["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
            Assert.Equal(8, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Contains("review2", ids);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task CopiedActivities_PasteIntoAnotherDefinitionInAnotherTab()
    {
        var from = await DraftCopyAsync();
        var into = await DraftCopyAsync();
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        var other = await page.Context.NewPageAsync();
        try
        {
            await DesignerDriver.OpenAsync(page, $"designer/{from}");
            await DesignerDriver.OpenAsync(other, $"designer/{into}");
            await Assertions.Expect(other.GetByTestId("designer-paste")).ToBeDisabledAsync();

            await page.BringToFrontAsync();
            await Node(page, "approved").ClickAsync();
            await Node(page, "log").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
            await page.Keyboard.PressAsync("Control+c");

            // The other tab learns of the copy and pastes it: new ids there, the connection between them too.
            await other.BringToFrontAsync();
            await Assertions.Expect(other.GetByTestId("designer-paste")).ToBeEnabledAsync();
            await other.GetByRole(AriaRole.Button, new() { Name = "粘贴活动 (Ctrl+V)" }).ClickAsync();
            await Assertions.Expect(Nodes(other)).ToHaveCountAsync(8);
            await Assertions.Expect(Node(other, "approved1")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(Edge(other, "approved1", "log1")).ToHaveCountAsync(1);
            await Assertions.Expect(other.GetByTestId("designer-dirty")).ToBeVisibleAsync();

            // A tab opened later finds the clip too.
            var third = await page.Context.NewPageAsync();
            await DesignerDriver.OpenAsync(third, $"designer/{into}");
            await Assertions.Expect(third.GetByTestId("designer-paste")).ToBeEnabledAsync();
            await Node(third, "start").ClickAsync();
            await third.Keyboard.PressAsync("Control+v");
            await Assertions.Expect(Node(third, "log1")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(Nodes(third)).ToHaveCountAsync(8);
            await Assertions.Expect(Nodes(page)).ToHaveCountAsync(6);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Connection_DraggedByItsArrowOntoAnotherActivity_IsReconnected_DroppedOnTheCanvasStays_AndClickAndDeleteRemovesIt()
    {
        var id = await DraftCopyAsync();
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await DesignerDriver.OpenAsync(page, $"designer/{id}");
            var index = await Edge(page, "returned", "log").GetAttributeAsync("data-edge-index");
            var arrow = page.Locator($"[data-testid=designer-canvas] circle.edge-end[data-edge-index='{index}']");

            // Dragged onto another activity: the connection now ends there, in one undo step.
            var (endX, endY) = await DesignerDriver.CentreAsync(Node(page, "end"));
            await DesignerDriver.DragAsync(page, arrow, endX, endY);
            await Assertions.Expect(Edge(page, "returned", "end")).ToHaveCountAsync(1);
            await Assertions.Expect(Edge(page, "returned", "log")).ToHaveCountAsync(0);
            await Assertions.Expect(Edges(page)).ToHaveCountAsync(6);
            await Assertions.Expect(page.GetByTestId("designer-dirty")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Control+z");
            await Assertions.Expect(Edge(page, "returned", "log")).ToHaveCountAsync(1);
            await Assertions.Expect(Edge(page, "returned", "end")).ToHaveCountAsync(0);

            // Dropped on the empty canvas: nothing changes.
            var canvas = (await page.Locator("[data-testid=designer-canvas] svg.canvas-svg").BoundingBoxAsync())!;
            await DesignerDriver.DragAsync(page, arrow, canvas.X + 30, canvas.Y + canvas.Height - 30);
            await Assertions.Expect(Edge(page, "returned", "log")).ToHaveAttributeAsync("data-edge-index", index!);
            await Assertions.Expect(Edges(page)).ToHaveCountAsync(6);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "重做 (Ctrl+Y)" })).ToBeEnabledAsync();
            await Assertions.Expect(page.GetByTestId("designer-dirty")).ToHaveCountAsync(0);

            // A click selects a connection; Delete removes it alone; undo brings it back.
            await page.Locator($"[data-testid=designer-canvas] path.edge-hit[data-edge-index='{index}']").ClickAsync();
            await Assertions.Expect(Edge(page, "returned", "log")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
            await Assertions.Expect(page.GetByTestId("panel-hint")).ToContainTextAsync("0 个活动、1 条连线");
            await page.Keyboard.PressAsync("Delete");
            await Assertions.Expect(Edge(page, "returned", "log")).ToHaveCountAsync(0);
            await Assertions.Expect(Edges(page)).ToHaveCountAsync(5);
            await Assertions.Expect(Nodes(page)).ToHaveCountAsync(6);
            await page.Keyboard.PressAsync("Control+z");
            await Assertions.Expect(Edges(page)).ToHaveCountAsync(6);

            // Reconnected and saved: the draft's connection points at the new target.
            await DesignerDriver.DragAsync(page, arrow, endX, endY);
            await Assertions.Expect(Edge(page, "returned", "end")).ToHaveCountAsync(1);
            await page.GetByTestId("designer-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("designer-dirty")).ToHaveCountAsync(0);
            var connection = (await ExportAsync(id))["root"]!["connections"]![int.Parse(index!)]!;
            Assert.Equal("returned", connection["source"]!["activity"]!.GetValue<string>());
            Assert.Equal("end", connection["target"]!["activity"]!.GetValue<string>());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task ActivityId_ChangedInThePanel_IsChecked_AndItsConnectionsFollow_InOneUndoStep()
    {
        var id = await DraftCopyAsync();
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await DesignerDriver.OpenAsync(page, $"designer/{id}");
            await DesignerDriver.SelectAsync(page, "review");
            var field = page.GetByTestId("activity-panel").GetByLabel("标识", new() { Exact = true });
            await Assertions.Expect(field).ToHaveValueAsync("review");

            await field.FillAsync("approved");
            await field.PressAsync("Tab");
            await Assertions.Expect(page.GetByTestId("activity-id-error")).ToHaveTextAsync("标识“approved”已被另一个活动使用。");
            await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
            await field.FillAsync("秘书 审核");
            await field.PressAsync("Tab");
            await Assertions.Expect(page.GetByTestId("activity-id-error")).ToHaveTextAsync("标识不能包含空格。");
            await field.FillAsync("");
            await field.PressAsync("Tab");
            await Assertions.Expect(page.GetByTestId("activity-id-error")).ToHaveTextAsync("标识不能为空。");
            await Assertions.Expect(Node(page, "review")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "撤销 (Ctrl+Z)" })).ToBeDisabledAsync();

            await field.FillAsync("secretaryReview");
            await field.PressAsync("Tab");
            await Assertions.Expect(page.GetByTestId("activity-panel")).ToHaveAttributeAsync("data-activity-id", "secretaryReview");
            await Assertions.Expect(Node(page, "secretaryReview")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(Node(page, "review")).ToHaveCountAsync(0);
            await Assertions.Expect(Edge(page, "start", "secretaryReview")).ToHaveCountAsync(1);
            await Assertions.Expect(Edge(page, "secretaryReview", "approved")).ToHaveCountAsync(1);
            await Assertions.Expect(Edge(page, "secretaryReview", "returned")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("activity-id-error")).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Button, new() { Name = "撤销 (Ctrl+Z)" }).ClickAsync();
            await Assertions.Expect(Edge(page, "start", "review")).ToHaveCountAsync(1);
            await Assertions.Expect(Node(page, "secretaryReview")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "撤销 (Ctrl+Z)" })).ToBeDisabledAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "重做 (Ctrl+Y)" }).ClickAsync();
            await Assertions.Expect(Edge(page, "secretaryReview", "approved")).ToHaveCountAsync(1);

            await page.GetByTestId("designer-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("designer-dirty")).ToHaveCountAsync(0);
            var root = (await ExportAsync(id))["root"]!;
            Assert.Contains(root["activities"]!.AsArray(), a => a!["id"]!.GetValue<string>() == "secretaryReview");
            Assert.Equal(2, root["connections"]!.AsArray().Count(c => c!["source"]!["activity"]!.GetValue<string>() == "secretaryReview"));
            Assert.Equal(1, root["connections"]!.AsArray().Count(c => c!["target"]!["activity"]!.GetValue<string>() == "secretaryReview"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task StartInstance_WithAJsonInput_RefusesWhatIsNotAnObject_AndTheInstanceRunsWithTheInput()
    {
        var id = $"input-{Guid.NewGuid():N}"[..16];
        var definition = new JsonObject
        {
            ["definitionId"] = id,
            ["name"] = "设计器测试：带输入启动",
            ["inputs"] = new JsonArray(
                new JsonObject { ["name"] = "Amount", ["type"] = "Decimal", ["displayName"] = "金额" },
                new JsonObject { ["name"] = "Subject", ["type"] = "String", ["displayName"] = "事项" }),
            ["root"] = new JsonObject
            {
                ["id"] = "flow",
                ["type"] = "Elsa.Flowchart",
                ["activities"] = new JsonArray(
                    new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
                    new JsonObject
                    {
                        ["id"] = "decide", ["type"] = "Elsa.FlowDecision",
                        ["condition"] = new JsonObject { ["typeName"] = "Boolean", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('Amount') > 1000" } },
                    },
                    new JsonObject { ["id"] = "large", ["type"] = "Elsa.WriteLine", ["text"] = "大额" },
                    new JsonObject { ["id"] = "small", ["type"] = "Elsa.WriteLine", ["text"] = "小额" }),
                ["connections"] = new JsonArray(
                    Connection("start", "Done", "decide"), Connection("decide", "True", "large"), Connection("decide", "False", "small")),
            },
        };
        var api = await portal.Factory.ClientAsync(PortalRoles.Admin);
        (await api.PostAsJsonAsync("/api/workflow-definitions/import?publish=true", definition)).EnsureSuccessStatusCode();
        var page = await portal.LoginAsync(PortalRoles.Admin, width: 1600);
        try
        {
            await DesignerDriver.OpenAsync(page, $"designer/{id}");
            await page.GetByTestId("designer-start").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            var input = dialog.GetByLabel("流程输入（JSON 对象）");
            // Prefilled with the declared inputs.
            var prefilled = JsonNode.Parse(await input.InputValueAsync())!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "Amount": 0, "Subject": "" }"""), prefilled), prefilled.ToJsonString());
            var start = dialog.GetByRole(AriaRole.Button, new() { Name = "启动", Exact = true });

            await input.FillAsync("[5000]");
            await Assertions.Expect(dialog).ToContainTextAsync("流程输入必须是一个 JSON 对象");
            await Assertions.Expect(start).ToBeDisabledAsync();
            await BrowserPortal.ShotAsync(page, "designer-start-input-error");
            await input.FillAsync("{ \"Amount\": 50 00 }");
            await Assertions.Expect(dialog).ToContainTextAsync("流程输入不是有效的 JSON（第 1 行");
            await Assertions.Expect(start).ToBeDisabledAsync();

            await input.FillAsync("{ \"Amount\": 5000, \"Subject\": \"购置设备\" }");
            await Assertions.Expect(dialog).Not.ToContainTextAsync("流程输入不是有效的 JSON");
            await start.ClickAsync();
            await page.WaitForURLAsync("**/instances/**");
            var instanceId = page.Url.Split('/').Last();

            var instance = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}"))!;
            Assert.Equal(5000, instance["input"]!["Amount"]!.GetValue<decimal>());
            Assert.Equal("购置设备", instance["input"]!["Subject"]!.GetValue<string>());
            Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
            var completed = instance["journal"]!.AsArray().Where(j => j!["event"]!.GetValue<string>() == "Completed").Select(j => j!["activityId"]!.GetValue<string>()).ToList();
            Assert.Contains("large", completed);
            Assert.DoesNotContain("small", completed);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
