using Justice.Portal.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>The seeded portal on a real Kestrel port and Debian's headless Chromium driving it.</summary>
public sealed class BrowserPortal : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> beside the solution (the CI keeps that folder).</summary>
    public static string Screenshots { get; } = CreateScreenshotFolder();

    public async Task InitializeAsync()
    {
        await Factory.ClientAsync();
        var result = await Factory.Services.GetRequiredService<DemoSeeder>().SeedAsync(48, concurrency: 4, randomSeed: 7);
        Assert.Equal(0, result.Failed);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) at the given width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Factory.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 900 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the login page as the demo account of <paramref name="role"/>.</summary>
    public Task<IPage> LoginAsync(string role, int width = 1280) => LoginAsEmailAsync($"{role}@demo.justice.local", width);

    /// <summary>Logs in through the login page with a demo account's email (every demo account has the demo password).</summary>
    public async Task<IPage> LoginAsEmailAsync(string email, int width = 1280)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(PortalFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("Account/Login"));
        return page;
    }

    /// <summary>Waits until the page's interactive circuit is connected, so clicks reach the server.</summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await page.Locator("[data-circuit-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Picks <paramref name="option"/> in the MudBlazor select labelled <paramref name="label"/> inside <paramref name="scope"/>.</summary>
    public static async Task ChooseAsync(IPage page, ILocator scope, string label, string option)
    {
        await scope.Locator($".mud-input-control.mud-select:has(label:text-is('{label}'))").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        // The list closes on the choice; a field filled while it still closes can lose its focus and its value.
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    public static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    static string CreateScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Justice.Workflow.sln")))
            dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserPortal>
{
    public const string Name = "browser";
}
