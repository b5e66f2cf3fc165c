using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Portal.Data;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>The portal in a real headless Chromium: logins, inboxes, case files, public verification.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalBrowserTests(BrowserPortal portal)
{
    public static TheoryData<string> Roles() => new([.. PortalRoles.All]);

    async Task<CaseworkDbContext> DbAsync() =>
        await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryDemoRole_LogsIn_AndLandsOnItsOwnWork(string role)
    {
        var page = await portal.LoginAsync(role);
        try
        {
            if (role == PortalRoles.Applicant)
            {
                await page.WaitForURLAsync("**/cases");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的案件" }));
                var api = await portal.Factory.ClientAsync(role);
                var mine = await api.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=100");
                Assert.True(mine!["totalCount"]!.GetValue<int>() > 0, "the demo applicant is a party to seeded cases");
                await page.Locator("[data-testid=case-list] tbody tr").First.WaitForAsync();
            }
            else
            {
                await page.WaitForURLAsync("**/inbox");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的待办" }));
                var api = await portal.Factory.ClientAsync(role);
                var tasks = await api.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
                var total = tasks!["totalCount"]!.GetValue<int>();
                var summary = await page.GetByTestId("inbox-summary").InnerTextAsync();
                Assert.StartsWith($"共 {total} 项", summary);
                // The inbox pages (25 rows a page): the first page is full, or holds them all (the rows may follow the summary by a render).
                await Assertions.Expect(page.Locator("[data-testid=inbox] [data-task-id]")).ToHaveCountAsync(Math.Min(total, 25));
            }
            Assert.Contains(role + "@demo.justice.local", await page.GetByTestId("top-user").InnerTextAsync());
            await BrowserPortal.ShotAsync(page, $"home-{role}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Secretary_CompletesATask_FromTheInbox()
    {
        await using var db = await DbAsync();
        var api = await portal.Factory.ClientAsync(PortalRoles.Secretary);
        var tasks = (await api.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200"))!["items"]!.AsArray();
        // A task without required form fields, so that choosing the outcome is all it takes.
        var task = tasks.First(t => t!["form"] is not JsonArray form || form.All(f => f!["required"]?.GetValue<bool>() != true))!;
        var taskId = task["id"]!.GetValue<string>();
        var outcome = task["outcomes"]![0]!.GetValue<string>();

        var page = await portal.LoginAsync(PortalRoles.Secretary);
        try
        {
            await BrowserPortal.WaitForCircuitAsync(page);
            var row = page.Locator($"tr:has([data-task-id='{taskId}'])");
            await row.GetByRole(AriaRole.Button, new() { Name = "办理" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.WaitForAsync();
            await dialog.GetByText(outcome, new() { Exact = true }).ClickAsync();
            await dialog.GetByLabel("意见").FillAsync("材料齐全，同意。");
            await BrowserPortal.ShotAsync(page, "inbox-complete-dialog");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
            await page.GetByText("已完成：").First.WaitForAsync();
            await Expect(page.Locator($"[data-task-id='{taskId}']"), visible: false);

            var done = await db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
            Assert.Equal(HumanTaskRecord.Completed, done.Status);
            Assert.Equal(outcome, done.Outcome);
            Assert.Equal("secretary@demo.justice.local", done.CompletedBy);
            Assert.Equal("材料齐全，同意。", done.Comment);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Applicant_CannotOpenAnotherPartysCase_ByUrl()
    {
        await using var db = await DbAsync();
        const string me = "applicant@demo.justice.local";
        var mine = await db.Cases.AsNoTracking().Where(c => db.CaseParties.Any(p => p.CaseId == c.Id && p.UserEmail == me)).Select(c => new { c.Id, c.Number }).FirstAsync();
        var other = await db.Cases.AsNoTracking().Where(c => !db.CaseParties.Any(p => p.CaseId == c.Id && (p.UserEmail == me || p.AgentEmail == me))).Select(c => c.Id).FirstAsync();

        var page = await portal.LoginAsync(PortalRoles.Applicant, width: 390);
        try
        {
            await page.GotoAsync($"cases/view/{mine.Id}");
            await page.GetByTestId("case-head").WaitForAsync();
            if (mine.Number is not null)
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = mine.Number }));
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the case file fits 390 px without sideways scrolling");
            await BrowserPortal.ShotAsync(page, "case-own-390");

            await page.GotoAsync($"cases/view/{other}");
            await page.GetByTestId("case-missing").WaitForAsync();
            Assert.Equal(0, await page.GetByTestId("case-head").CountAsync());
            await BrowserPortal.ShotAsync(page, "case-other-denied-390");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task IssuedCertificate_VerifiesOnThePublicPage_ByNumberAndByQrCode()
    {
        await using var db = await DbAsync();
        var certificate = await db.CaseDocuments.AsNoTracking().Where(d => d.Template == "notary/certificate" && d.Number != null).OrderBy(d => d.Id).FirstAsync();
        var page = await portal.NewPageAsync();
        try
        {
            await page.GotoAsync("verify");
            await page.GetByLabel("公证书编号").FillAsync(certificate.Number!);
            await page.GetByRole(AriaRole.Button, new() { Name = "查验", Exact = true }).ClickAsync();
            var result = page.Locator("[data-status]");
            await result.WaitForAsync();
            var status = await result.GetAttributeAsync("data-status");
            Assert.Contains(status, new[] { "valid", "revoked", "partially-revoked", "corrected" });
            Assert.Contains(certificate.Number!, await result.InnerTextAsync());
            await BrowserPortal.ShotAsync(page, "verify-by-number");

            // The QR code printed on the certificate carries the document id.
            await page.GotoAsync($"verify?d={certificate.Id}");
            Assert.Equal(status, await page.Locator("[data-status]").GetAttributeAsync("data-status"));

            await page.GotoAsync("verify?number=" + Uri.EscapeDataString("（2026）湘衡证字第9999号"));
            Assert.Equal("unknown", await page.Locator("[data-status]").GetAttributeAsync("data-status"));
            await BrowserPortal.ShotAsync(page, "verify-unknown");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Notary_DownloadsTheSignedCertificate_AndAnyoneUploadsItOnVerify_ValidThenAlteredByAByte()
    {
        await using var db = await DbAsync();
        var certificate = await db.CaseDocuments.AsNoTracking().Where(d => d.Template == "notary/certificate" && d.Number != null).OrderBy(d => d.Id).FirstAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"verify-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var notary = await portal.LoginAsync(PortalRoles.Notary);
        var visitor = await portal.NewPageAsync(390);
        try
        {
            await notary.GotoAsync($"cases/view/{certificate.CaseId}");
            var row = notary.GetByTestId("documents").Locator(".doc-row", new() { HasText = certificate.Number! }).First;
            var download = await notary.RunAndWaitForDownloadAsync(() => row.GetByTestId("document-pdf-download").ClickAsync());
            var path = Path.Combine(folder, "certificate.pdf");
            await download.SaveAsAsync(path);
            Assert.EndsWith(".pdf", download.SuggestedFilename);
            Assert.StartsWith("%PDF-", File.ReadAllText(path)[..5]);

            await visitor.GotoAsync("verify");
            await visitor.Locator("input[type=file]").SetInputFilesAsync(path);
            await visitor.GetByRole(AriaRole.Button, new() { Name = "上传查验" }).ClickAsync();
            var result = visitor.GetByTestId("verify-document");
            await result.WaitForAsync();
            Assert.Contains(await result.GetAttributeAsync("data-status"), new[] { "valid", "revoked", "partially-revoked", "corrected" });
            Assert.Contains(certificate.Number!, await result.InnerTextAsync());
            await BrowserPortal.ShotAsync(visitor, "verify-upload-valid");

            var bytes = await File.ReadAllBytesAsync(path);
            bytes[bytes.Length / 2] ^= 0x01;
            var altered = Path.Combine(folder, "altered.pdf");
            await File.WriteAllBytesAsync(altered, bytes);
            await visitor.GotoAsync("verify");
            await visitor.Locator("input[type=file]").SetInputFilesAsync(altered);
            await visitor.GetByRole(AriaRole.Button, new() { Name = "上传查验" }).ClickAsync();
            await visitor.GetByTestId("verify-document").WaitForAsync();
            Assert.Equal("altered", await visitor.GetByTestId("verify-document").GetAttributeAsync("data-status"));
            await BrowserPortal.ShotAsync(visitor, "verify-upload-altered");
        }
        finally
        {
            await notary.Context.CloseAsync();
            await visitor.Context.CloseAsync();
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task Dashboard_ShowsTheSupervisorsFigures_WithCharts()
    {
        await using var db = await DbAsync();
        var open = await db.Cases.CountAsync(c => c.Status == "open");
        var certificates = await db.CaseDocuments.CountAsync(d => d.Template == "notary/certificate");
        var falseCommitments = await db.Cases.CountAsync(c => c.Kind == "commitment" && c.Outcome == "承诺不实");

        var page = await portal.LoginAsync(PortalRoles.Supervisor);
        try
        {
            await page.GotoAsync("dashboard");
            await page.GetByTestId("dashboard").WaitForAsync();
            Assert.Equal(open.ToString(), await page.Locator("[data-stat=open]").InnerTextAsync());
            Assert.Equal(certificates.ToString(), await page.Locator("[data-stat=certificates]").InnerTextAsync());
            Assert.Equal(falseCommitments.ToString(), await page.Locator("[data-stat=false]").InnerTextAsync());
            Assert.True(await page.Locator(".mud-chart svg").CountAsync() >= 2, "stage and monthly charts are drawn");
            await BrowserPortal.ShotAsync(page, "dashboard-supervisor");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        // A notary's dashboard counts notary work only: no arbitration stage chart.
        var notary = await portal.LoginAsync(PortalRoles.Notary);
        try
        {
            await notary.GotoAsync("dashboard");
            await notary.GetByTestId("dashboard").WaitForAsync();
            // The interactive page loads the figures again once its circuit starts: wait for the circuit, then for the
            // notary chart it draws, then count.
            await BrowserPortal.WaitForCircuitAsync(notary);
            await notary.GetByRole(AriaRole.Heading, new() { Name = "各阶段案件数 · 公证" }).WaitForAsync();
            Assert.Equal(0, await notary.GetByRole(AriaRole.Heading, new() { Name = "各阶段案件数 · 仲裁" }).CountAsync());
            Assert.Equal(1, await notary.GetByRole(AriaRole.Heading, new() { Name = "各阶段案件数 · 公证" }).CountAsync());
        }
        finally
        {
            await notary.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Registration_InChinese_MakesAnApplicantAccount()
    {
        var page = await portal.NewPageAsync(390);
        try
        {
            await page.GotoAsync("Account/Register");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "注册", Exact = true }));
            await page.GetByLabel("邮箱").FillAsync("new.applicant@example.cn");
            await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Shenqing#2026");
            await page.GetByLabel("确认密码").FillAsync("Shenqing#2026");
            await BrowserPortal.ShotAsync(page, "register-390");
            await page.GetByRole(AriaRole.Button, new() { Name = "注册", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => !url.EndsWith("Account/Register"));

            await using var scope = portal.Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync("new.applicant@example.cn");
            Assert.NotNull(user);
            Assert.Equal([PortalRoles.Applicant], await users.GetRolesAsync(user));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Inbox_Pages_AndASearchFromALaterPage_StartsAgainOnTheFirst()
    {
        // More than a page of secretary tasks: the general approval process asks the secretary.
        var admin = await portal.Factory.ClientAsync(PortalRoles.Admin);
        var marker = $"分页检索{Guid.NewGuid():N}"[..12];
        for (var i = 0; i < 26; i++)
            (await admin.PostAsJsonAsync("/api/workflow-definitions/general-approval/execute", new { input = new { Subject = $"{marker}-{i:00}" } })).EnsureSuccessStatusCode();
        var mine = (await (await portal.Factory.ClientAsync(PortalRoles.Secretary)).GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200"))!;
        Assert.True(mine["totalCount"]!.GetValue<int>() > 25);
        var wanted = mine["items"]!.AsArray().First(t => t!["title"]!.GetValue<string>().EndsWith($"{marker}-07"))!;
        var page = await portal.LoginAsync(PortalRoles.Secretary);
        try
        {
            await BrowserPortal.WaitForCircuitAsync(page);
            await page.Locator("[data-testid=inbox] [data-task-id]").First.WaitForAsync();
            await page.Locator(".mud-table-pagination-actions button").Nth(2).ClickAsync();
            await page.Locator(".mud-table-pagination-caption", new() { HasTextString = "第 26–" }).WaitForAsync();

            var search = page.GetByRole(AriaRole.Textbox, new() { Name = "检索待办" });
            await search.FillAsync($"{marker}-07");
            await search.PressAsync("Enter");
            await page.Locator($"[data-testid=inbox] [data-task-id='{wanted["id"]}']").WaitForAsync();
            await page.Locator(".mud-table-pagination-caption", new() { HasTextString = "第 1–1 项" }).WaitForAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task LanguageSwitch_ShowsTheInboxInEnglish()
    {
        var page = await portal.LoginAsync(PortalRoles.Notary);
        try
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tasks" }));
            await BrowserPortal.ShotAsync(page, "inbox-notary-en");
            await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的待办" }));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    static async Task Expect(ILocator locator, bool visible = true) =>
        await locator.WaitForAsync(new() { State = visible ? WaitForSelectorState.Visible : WaitForSelectorState.Detached });
}
