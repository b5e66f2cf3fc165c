using Justice.Portal.Data;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>Every page titled, every form field labelled, nothing wider than a 390 px phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserPortal portal)
{
    internal const string UnlabelledFields = """
        () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
            .filter(e => e.offsetParent !== null || e.type === 'file')
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.title)
            .map(e => (e.id || e.name || e.className || e.outerHTML.slice(0, 80)))
        """;

    public static TheoryData<string, string, int> Pages() => new()
    {
        { PortalRoles.Secretary, "inbox", 1280 },
        { PortalRoles.Secretary, "inbox", 390 },
        { PortalRoles.Secretary, "cases/arbitration", 1280 },
        { PortalRoles.Secretary, "cases/arbitration", 390 },
        { PortalRoles.Supervisor, "dashboard", 390 },
        { PortalRoles.Applicant, "cases", 390 },
        { PortalRoles.Applicant, "file/arbitration", 390 },
        { PortalRoles.Applicant, "file/notary", 1280 },
        { PortalRoles.Applicant, "file/legal-aid", 390 },
        { PortalRoles.Admin, "admin/users", 1280 },
        { PortalRoles.Admin, "definitions", 390 },
        { PortalRoles.Admin, "definitions/arbitration-case", 1280 },
        { PortalRoles.Admin, "definitions/arbitration-case", 390 },
        { PortalRoles.Admin, "designer/arbitration-case", 1280 },
        { PortalRoles.Admin, "designer/arbitration-case", 390 },
        { PortalRoles.Admin, "designer/new", 390 },
        { PortalRoles.Auditor, "admin/audit", 390 },
        { PortalRoles.Auditor, "admin/integrity", 390 },
        { "", "verify", 390 },
        { "", "Account/Login", 390 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_IsTitled_Labelled_AndFitsTheWidth(string role, string path, int width)
    {
        var page = role == "" ? await portal.NewPageAsync(width) : await portal.LoginAsync(role, width);
        try
        {
            await page.GotoAsync(path);
            await page.Locator("h1").First.WaitForAsync();
            var title = await page.TitleAsync();
            Assert.False(string.IsNullOrWhiteSpace(title), $"{path} has a title");
            Assert.Contains("衡阳市司法局", title);
            if (path.StartsWith("file/") || path.StartsWith("designer/") || path is "verify" or "Account/Login" or "cases/arbitration" or "admin/users")
                Assert.True(await page.Locator("input:not([type=hidden])").CountAsync() > 0, $"{path} has form fields to check");
            var unlabelled = await page.EvaluateAsync<string[]>(UnlabelledFields);
            Assert.True(unlabelled.Length == 0, $"{path} at {width}px: unlabelled fields {string.Join(", ", unlabelled)}");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"{path} at {width}px scrolls sideways by {overflow}px");
            if (width == 390)
                await BrowserPortal.ShotAsync(page, $"a11y-{path.Replace('/', '-')}-{width}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
