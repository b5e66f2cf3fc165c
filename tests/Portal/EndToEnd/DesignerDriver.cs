using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>Drives the designer with the mouse and the keyboard, through its data-activity-id, data-port and toolbox selectors.</summary>
public static class DesignerDriver
{
    public static async Task<IPage> OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserPortal.WaitForCircuitAsync(page);
        // The first view is set once the browser has told the canvas its size; gestures before that would land elsewhere.
        await page.Locator("[data-testid=designer-canvas][data-viewport-ready]").WaitForAsync();
        return page;
    }

    /// <summary>Drags with the mouse from the middle of <paramref name="from"/> to a point of the page, as a person does.</summary>
    public static async Task DragAsync(IPage page, ILocator from, float toX, float toY)
    {
        await from.ScrollIntoViewIfNeededAsync();
        var box = (await from.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 8, box.Y + box.Height / 2 + 8, new() { Steps = 2 });
        await page.Mouse.MoveAsync(toX, toY, new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    public static async Task<(float X, float Y)> CentreAsync(ILocator locator)
    {
        var box = (await locator.BoundingBoxAsync())!;
        return (box.X + box.Width / 2, box.Y + box.Height / 2);
    }

    /// <summary>Drags an activity type from the toolbox onto the canvas at (x, y) relative to the canvas; returns the new activity's id.</summary>
    public static async Task<string> DropFromToolboxAsync(IPage page, string type, float x, float y)
    {
        var canvas = (await page.Locator("[data-testid=designer-canvas] svg.canvas-svg").BoundingBoxAsync())!;
        var before = await page.Locator($"g.node[data-activity-type='{type}']").CountAsync();
        await DragAsync(page, page.Locator($"[data-toolbox-type='{type}']"), canvas.X + x, canvas.Y + y);
        var added = page.Locator($"g.node[data-activity-type='{type}']").Nth(before);
        await added.WaitForAsync();
        return (await added.GetAttributeAsync("data-activity-id"))!;
    }

    public static ILocator Node(IPage page, string id) => page.Locator($"[data-testid=designer-canvas] g.node[data-activity-id='{id}']");

    /// <summary>Drags from an outcome port of one activity onto another activity and waits for the connection.</summary>
    public static async Task ConnectAsync(IPage page, string source, string port, string target)
    {
        var (x, y) = await CentreAsync(Node(page, target));
        await DragAsync(page, Node(page, source).Locator($"g.port[data-port='{port}'] circle.port-dot"), x, y);
        await page.Locator($"path.edge[data-source='{source}'][data-port='{port}'][data-target='{target}']").WaitForAsync();
    }

    /// <summary>Picks an option of the MudBlazor select of an input in the property panel.</summary>
    public static async Task PickAsync(IPage page, string input, string option)
    {
        await page.Locator($"[data-testid=activity-panel] [data-input='{input}'] .mud-input-control.mud-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await page.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    public static async Task SelectAsync(IPage page, string id)
    {
        await Node(page, id).ClickAsync();
        await Assertions.Expect(page.GetByTestId("activity-panel")).ToHaveAttributeAsync("data-activity-id", id);
    }

    public static async Task<(double X, double Y)> PositionAsync(IPage page, string id)
    {
        var transform = (await Node(page, id).GetAttributeAsync("transform"))!;
        var numbers = transform["translate(".Length..^1].Split(' ').Select(n => double.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (numbers[0], numbers[1]);
    }

    public static async Task<string> ViewportAsync(IPage page) =>
        (await page.Locator("[data-testid=designer-canvas] g.viewport").GetAttributeAsync("transform"))!;
}
