using System.Net;
using System.Text.RegularExpressions;
using Justice.Casework.Persistence;
using Justice.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Api;

/// <summary>Every page for every role and for no login, over HTTP: who gets the page, who is sent to log in, who is refused.</summary>
public sealed class PageAuthorizationTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    public static TheoryData<string> Roles() => new([.. PortalRoles.All]);

    static readonly string[] StaffPages = ["/inbox", "/dashboard"];
    static readonly string[] CasePages = ["/cases", "/cases/arbitration", "/cases/notary", "/cases/legal-aid", "/cases/commitment"];
    static readonly string[] FilingPages = ["/file/arbitration", "/file/notary", "/file/legal-aid"];
    static readonly string[] PublicPages = ["/", "/verify", "/verify?number=x", "/notices", "/Account/Login"];
    static readonly string[] DesignerPages = ["/designer/new", "/designer/arbitration-case", "/designer/no-such-definition"];

    [Fact]
    public async Task WithoutLogin_PublicPagesAnswer_AndEveryOtherPageSendsToLogin()
    {
        var client = await portal.Factory.ClientAsync();
        foreach (var path in PublicPages)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        var missing = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("页面不存在", await missing.Content.ReadAsStringAsync());
        var id = portal.SampleCases["arbitration"]["id"]!.GetValue<string>();
        foreach (var path in StaffPages.Concat(CasePages).Concat(FilingPages).Concat(DesignerPages).Concat(["/admin/users", "/admin/audit", "/admin/integrity", "/definitions", "/definitions/arbitration-case", "/notifications", $"/cases/view/{id}", $"/instances/{portal.ArbitrationInstance}"]))
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("Account/Login", response.Headers.Location!.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPage_ForEveryRole(string role)
    {
        var client = await portal.Factory.ClientAsync(role);
        // Home is the work: staff land on their inbox, applicants on their cases.
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.EndsWith(role == PortalRoles.Applicant ? "/cases" : "/inbox", home.Headers.Location!.ToString());
        foreach (var path in PublicPages.Skip(1).Concat(StaffPages).Concat(CasePages).Append("/notifications"))
            Assert.True((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"{role} {path}");
        // The administrator and the auditor read no case file: the menu offers them no case list and no dashboard.
        var menu = await (await client.GetAsync("/inbox")).Content.ReadAsStringAsync();
        var readsCases = role is not (PortalRoles.Admin or PortalRoles.Auditor);
        Assert.Equal(readsCases, menu.Contains("href=\"cases\"", StringComparison.Ordinal));
        Assert.Equal(readsCases && role != PortalRoles.Applicant, menu.Contains("href=\"dashboard\"", StringComparison.Ordinal));
        foreach (var path in FilingPages)
        {
            var filing = await client.GetAsync(path);
            Assert.Equal(role == PortalRoles.Applicant ? HttpStatusCode.OK : HttpStatusCode.Forbidden, filing.StatusCode);
            if (role != PortalRoles.Applicant)
                Assert.Contains("无权访问", await filing.Content.ReadAsStringAsync());
        }
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users")).StatusCode);
        // The auditor reads definitions and versions, with no control that changes them.
        var definitions = await client.GetAsync("/definitions");
        Assert.Equal(role is PortalRoles.Admin or PortalRoles.Auditor ? HttpStatusCode.OK : HttpStatusCode.Forbidden, definitions.StatusCode);
        var versions = await client.GetAsync("/definitions/arbitration-case");
        Assert.Equal(role is PortalRoles.Admin or PortalRoles.Auditor ? HttpStatusCode.OK : HttpStatusCode.Forbidden, versions.StatusCode);
        if (role == PortalRoles.Auditor)
        {
            var list = await definitions.Content.ReadAsStringAsync();
            Assert.DoesNotContain("new-definition", list);
            Assert.DoesNotContain("import-file", list);
            Assert.DoesNotContain("href=\"designer/", list);
            var page = await versions.Content.ReadAsStringAsync();
            Assert.DoesNotContain("retract", page);
            Assert.DoesNotContain("href=\"designer/", page);
        }
        Assert.Equal(role is PortalRoles.Admin or PortalRoles.Auditor ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await client.GetAsync("/admin/audit")).StatusCode);
        // The integrity check: administrators and auditors, who read the audit log; the menu offers it to them alone.
        var integrity = await client.GetAsync("/admin/integrity");
        Assert.Equal(role is PortalRoles.Admin or PortalRoles.Auditor ? HttpStatusCode.OK : HttpStatusCode.Forbidden, integrity.StatusCode);
        if (integrity.IsSuccessStatusCode)
            Assert.Contains("data-testid=\"integrity-run\"", await integrity.Content.ReadAsStringAsync());
        Assert.Equal(role is PortalRoles.Admin or PortalRoles.Auditor, menu.Contains("href=\"admin/integrity\"", StringComparison.Ordinal));
        // The designer is for administrators only.
        foreach (var path in DesignerPages)
        {
            var designer = await client.GetAsync(path);
            Assert.True((role == PortalRoles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden) == designer.StatusCode, $"{role} {path}: {designer.StatusCode}");
            if (role != PortalRoles.Admin)
                Assert.Contains("无权访问", await designer.Content.ReadAsStringAsync());
        }
        if (role == PortalRoles.Admin)
            Assert.Contains("data-activity-id=\"review\"", await (await client.GetAsync("/designer/arbitration-case")).Content.ReadAsStringAsync());

        // A case file page shows the file exactly to those the API lets read it.
        foreach (var (_, sample) in portal.SampleCases)
        {
            var id = sample["id"]!.GetValue<string>();
            var mayRead = (await client.GetAsync($"/api/cases/{id}")).StatusCode == HttpStatusCode.OK;
            var page = await client.GetAsync($"/cases/view/{id}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(mayRead, html.Contains("data-testid=\"case-head\""));
            Assert.Equal(!mayRead, html.Contains("data-testid=\"case-missing\""));

            // The instance viewer follows the same rule as the instance API.
            var instanceId = sample["instanceId"]!.GetValue<string>();
            var mayReadInstance = (await client.GetAsync($"/api/workflow-instances/{instanceId}")).StatusCode == HttpStatusCode.OK;
            var viewer = await (await client.GetAsync($"/instances/{instanceId}")).Content.ReadAsStringAsync();
            var party = role == PortalRoles.Applicant;
            Assert.Equal(mayReadInstance && !party, viewer.Contains("data-activity-state="));
            Assert.Equal(mayReadInstance && party, viewer.Contains("data-testid=\"instance-party-view\""));
            Assert.Equal(!mayReadInstance, viewer.Contains("data-testid=\"instance-missing\""));
        }
    }

    [Fact]
    public async Task InstancePage_ForAParty_ShowsStagesDatesAndDocumentsOnly()
    {
        const string email = "applicant@demo.justice.local";
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var caseIds = await db.Cases.Where(c => db.CaseParties.Any(p => p.CaseId == c.Id && p.UserEmail == email)).Select(c => c.Id).ToListAsync();
        var instances = await db.Instances.AsNoTracking().Where(i => i.CorrelationId != null && caseIds.Contains(i.CorrelationId)).Select(i => i.Id).ToListAsync();
        Assert.NotEmpty(instances);
        var client = await portal.Factory.ClientAsync(PortalRoles.Applicant);

        foreach (var id in instances)
        {
            var html = await (await client.GetAsync($"/instances/{id}")).Content.ReadAsStringAsync();

            Assert.Contains("data-testid=\"instance-party-view\"", html);
            Assert.DoesNotContain("data-testid=\"journal\"", html);
            Assert.DoesNotContain("data-activity-state=", html);
            Assert.DoesNotContain("Seed", html);
            // The only e-mail address on the page is the party's own (the account menu).
            Assert.All(Regex.Matches(html, @"[\w.+-]+@[\w.-]+\.\w+").Select(m => m.Value), address => Assert.Equal(email, address));
        }
    }
}
