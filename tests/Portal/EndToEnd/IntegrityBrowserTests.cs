using Justice.Portal.Data;
using Justice.Portal.Features.Integrity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>The administrators' integrity page in a real browser: the check runs with progress, and its run is audited.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IntegrityBrowserTests(BrowserPortal portal)
{
    [Fact]
    public async Task Administrator_RunsTheIntegrityCheck_AndSeesEveryChainIntact()
    {
        var page = await portal.LoginAsync(PortalRoles.Admin);
        try
        {
            await page.GotoAsync("admin/integrity");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.GetByTestId("integrity-run").ClickAsync();

            await Assertions.Expect(page.GetByTestId("integrity-verdict")).ToHaveAttributeAsync("data-intact", "true", new() { Timeout = 60_000 });
            // The three record chains and the issued documents.
            await Assertions.Expect(page.Locator("[data-testid=integrity-summary] tbody tr")).ToHaveCountAsync(4);
            await Assertions.Expect(page.Locator("[data-testid=integrity-summary] tbody tr").First).ToContainTextAsync("尚无封存的日期");
            await BrowserPortal.ShotAsync(page, "integrity-admin");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditLog
            .AnyAsync(e => e.Action == IntegrityService.Action && e.Actor == "admin@demo.justice.local" && e.Details == "完好"));
    }

    [Fact]
    public async Task Auditor_RunsTheCheckOnAPhone_AndTheReportFitsTheWidth()
    {
        var page = await portal.LoginAsync(PortalRoles.Auditor, width: 390);
        try
        {
            await page.GotoAsync("admin/integrity");
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.GetByTestId("integrity-run").ClickAsync();

            await Assertions.Expect(page.GetByTestId("integrity-verdict")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"the report scrolls sideways by {overflow}px");
            await BrowserPortal.ShotAsync(page, "integrity-auditor-390");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
