using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>Whole cases through the UI: an applicant files online, staff work the inbox, the documents come out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FilingToDocumentTests(BrowserPortal portal)
{
    const string Applicant = "applicant@demo.justice.local";

    async Task<CaseworkDbContext> DbAsync() =>
        await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();

    static string TempFile(string name, byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), "justice-e2e-" + Guid.NewGuid().ToString("N")[..8] + "-" + name);
        File.WriteAllBytes(path, content);
        return path;
    }

    static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    async Task<string> FileAsync(IPage page, string kind, Func<Task> fill, string mainFile)
    {
        await page.GotoAsync($"file/{kind}");
        await BrowserPortal.WaitForCircuitAsync(page);
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("彭晓梅");
        await page.GetByLabel("身份证号码", new() { Exact = true }).First.FillAsync(ApplicantId);
        await page.GetByLabel("联系电话").FillAsync("13807340000");
        await page.GetByLabel("住址").FillAsync("湖南省衡阳市蒸湘区解放大道12号");
        await fill();

        // A text file dressed as a PDF is refused with a reason; a real PDF is kept.
        await page.Locator("#main-file").SetInputFilesAsync(TempFile("协议.pdf", "not a pdf"u8.ToArray()));
        await page.GetByText("内容与其扩展名不符").WaitForAsync();
        await page.Locator("#main-file").SetInputFilesAsync(TempFile(mainFile, Pdf));
        await page.GetByTestId("uploads").GetByText(mainFile, new() { Exact = false }).WaitForAsync();
        await BrowserPortal.ShotAsync(page, $"file-{kind}");

        await page.GetByTestId("submit-filing").ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/cases/view/**");
        }
        catch (TimeoutException)
        {
            await BrowserPortal.ShotAsync(page, $"failed-file-{kind}");
            throw;
        }
        await page.GetByTestId("case-head").WaitForAsync();
        await page.GetByTestId("attachments").GetByText(mainFile, new() { Exact = false }).WaitForAsync();
        return page.Url.Split('/').Last();
    }

    [Fact]
    public async Task ArbitrationClaim_FromOnlineFiling_ToAward_ThroughTheUi()
    {
        var applicant = await portal.LoginAsEmailAsync(Applicant);
        var caseId = await FileAsync(applicant, "arbitration", async () =>
        {
            await applicant.GetByLabel("名称或姓名").FillAsync("衡阳市雁城建材有限公司");
            await applicant.GetByLabel("统一社会信用代码").FillAsync(ValidCreditCode());
            await applicant.GetByLabel("住所").FillAsync("湖南省衡阳市石鼓区人民路8号");
            await BrowserPortal.ChooseAsync(applicant, applicant.Locator("body"), "纠纷类型", "买卖合同");
            // The amount is taken when the field is left: the server's formatted value shows it arrived.
            var amount = applicant.GetByLabel("请求金额（元）");
            await amount.FillAsync("86000");
            await amount.PressAsync("Tab");
            await Assertions.Expect(amount).ToHaveValueAsync("86,000.00");
            await applicant.GetByLabel("仲裁请求", new() { Exact = true }).FillAsync("1. 裁决被申请人支付货款人民币86,000元；2. 裁决被申请人承担仲裁费用。");
            await applicant.GetByLabel("事实与理由").FillAsync("申请人依约供货，被申请人至今未付货款。");
        }, "仲裁协议.pdf");

        await using (var db = await DbAsync())
        {
            var record = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
            Assert.Equal(CaseKinds.Arbitration, record.Kind);
            Assert.Contains(await db.CaseParties.AsNoTracking().Where(p => p.CaseId == caseId).ToListAsync(), p => p.UserEmail == Applicant && p.Side == PartySides.Claimant);
        }
        var secretary = await SecretaryOfAsync(caseId);
        var inbox = new InboxDriver(portal, caseId);
        try
        {
            var today = inbox.Today;
            await inbox.CompleteAsync(secretary, "review", "受理");
            await inbox.CompleteAsync(secretary, "serveAcceptTask", "已送达", ("送达方式", "电子送达"), ("签收日期", today));
            await inbox.CompleteAsync(secretary, "feeTask", "已预交");
            await inbox.CompleteAsync(secretary, "serveNoticeTask", "已送达", ("送达方式", "电子送达"), ("签收日期", today));
            await inbox.CompleteAsync(secretary, "soleTask", "双方共同选定", ("仲裁员账号（邮箱）", "arbitrator@demo.justice.local"), ("仲裁员姓名", "贺建国"));
            await inbox.CompleteAsync("arbitrator@demo.justice.local", "disclosure", "无需披露");
            await inbox.CompleteAsync(secretary, "hub", "安排开庭");
            await inbox.CompleteAsync(secretary, "hearingTask", "已安排", ("开庭日期", DateOnly.ParseExact(today, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("开庭地点", "本会第一仲裁庭"));
            // The hearing notice is served on each party, with the receipt, before the hearing may be held.
            await inbox.CompleteAsync(secretary, "serveHearingTaskC", "已送达", ("送达方式", "电子送达"), ("签收日期", today));
            await inbox.CompleteAsync(secretary, "serveHearingTaskR", "已送达", ("送达方式", "电子送达"), ("签收日期", today));
            await inbox.CompleteAsync("arbitrator@demo.justice.local", "hearing", "作出裁决",
                ("查明的事实", "申请人依约供货，被申请人未付货款。"), ("仲裁庭意见", "申请人的请求有事实和法律依据，予以支持。"), ("法律依据", "《中华人民共和国民法典》第六百二十六条"),
                ("裁决/调解事项（每行一项）", "被申请人自本裁决书送达之日起十日内支付货款人民币86,000元"), ("仲裁费用承担", "被申请人承担"));
        }
        finally
        {
            await inbox.CloseAsync();
        }

        // The case's secretary sees the path taken on the case file and in the instance viewer.
        var staff = await portal.LoginAsEmailAsync(secretary);
        await staff.GotoAsync($"cases/view/{caseId}");
        var diagram = staff.GetByTestId("flow-diagram");
        await diagram.Locator("[data-activity-id=review][data-activity-state=completed]").WaitForAsync();
        Assert.Equal("completed", await diagram.Locator("[data-activity-id=hearing]").GetAttributeAsync("data-activity-state"));
        Assert.Equal("waiting", await diagram.Locator("[data-activity-id=serveAwardTask]").GetAttributeAsync("data-activity-state"));
        await staff.GetByRole(AriaRole.Link, new() { Name = "查看流程实例" }).ClickAsync();
        await staff.WaitForURLAsync("**/instances/**");
        await staff.GetByTestId("journal").WaitForAsync();
        // The diagram is drawn once the instance is loaded: wait for the tenth highlighted connection.
        await staff.Locator("[data-taken=true]").Nth(9).WaitForAsync();
        Assert.True(await staff.Locator("[data-taken=true]").CountAsync() >= 10, "the path taken is highlighted");
        Assert.Equal("立案审查（已完成）", await staff.Locator("[data-activity-id=review]").GetAttributeAsync("aria-label"));
        await BrowserPortal.ShotAsync(staff, "instance-viewer-arbitration");
        await staff.Context.CloseAsync();

        // The applicant finds the award in the case file and opens it.
        await applicant.GotoAsync($"cases/view/{caseId}");
        var award = applicant.GetByTestId("documents").Locator(".doc-row").Filter(new() { HasText = "裁决书" });
        await award.WaitForAsync();
        await BrowserPortal.ShotAsync(applicant, "arbitration-award-case");
        var popup = await applicant.RunAndWaitForPopupAsync(() => award.GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync());
        await popup.WaitForLoadStateAsync();
        Assert.Contains("裁决", await popup.TitleAsync() + await popup.InnerTextAsync("body"));
        Assert.Contains("86,000", await popup.InnerTextAsync("body"));
        await BrowserPortal.ShotAsync(popup, "arbitration-award");

        // Opening the instance by its address, the applicant sees the stages and documents, not the journal or form data.
        string instanceId;
        await using (var db = await DbAsync())
            instanceId = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.InstanceId!).SingleAsync();
        await applicant.GotoAsync($"instances/{instanceId}");
        var partyView = applicant.GetByTestId("instance-party-view");
        await partyView.GetByTestId("instance-documents").GetByText("裁决书").First.WaitForAsync();
        await BrowserPortal.WaitForCircuitAsync(applicant);
        // The interactive page loads the case file again once its circuit starts: wait until it shows the stages.
        await partyView.GetByTestId("instance-stages").Locator("li").First.WaitForAsync();
        Assert.True(await partyView.GetByTestId("instance-stages").Locator("li").CountAsync() > 0);
        Assert.Equal(0, await applicant.GetByTestId("journal").CountAsync());
        Assert.Equal(0, await applicant.Locator("[data-activity-state]").CountAsync());
        Assert.DoesNotContain("86,000", await partyView.InnerTextAsync());
        await BrowserPortal.ShotAsync(applicant, "instance-party-view");

        // The applicant was told: unread notifications in the top bar, listed on the notifications page, then marked read.
        await applicant.GotoAsync("cases");
        var bell = applicant.GetByTestId("top-notifications");
        Assert.Matches(@"\d+", await bell.Locator(".badge").InnerTextAsync());
        await bell.ClickAsync();
        await applicant.GetByTestId("notifications").Locator("li.unread").First.WaitForAsync();
        await BrowserPortal.ShotAsync(applicant, "notifications-applicant");
        await BrowserPortal.WaitForCircuitAsync(applicant);
        await applicant.GetByRole(AriaRole.Button, new() { Name = "全部标为已读" }).ClickAsync();
        await applicant.GetByTestId("notifications").Locator("li.unread").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await applicant.GotoAsync("cases");
        Assert.Equal(0, await applicant.GetByTestId("top-notifications").Locator(".badge").CountAsync());
        await applicant.Context.CloseAsync();
    }

    [Fact]
    public async Task NotaryApplication_ToCertificate_VerifiedOnThePublicPage()
    {
        var applicant = await portal.LoginAsEmailAsync(Applicant);
        var caseId = await FileAsync(applicant, "notary", async () =>
        {
            await BrowserPortal.ChooseAsync(applicant, applicant.Locator("body"), "公证事项", "委托书公证");
            await applicant.GetByLabel("用途").FillAsync("办理房产过户");
        }, "身份证.pdf");

        string notary;
        await using (var db = await DbAsync())
            notary = (await db.CaseMembers.AsNoTracking().FirstAsync(m => m.CaseId == caseId && m.Relation == CaseRelations.Notary && m.Active)).UserEmail;
        var inbox = new InboxDriver(portal, caseId);
        try
        {
            await inbox.CompleteAsync(notary, "intake", "受理");
            await inbox.CompleteAsync(notary, "materials", "材料齐全");
            await inbox.CompleteAsync(notary, "review", "无需核实", ("公证证词（草稿）", "兹证明彭晓梅于今日在本处签署了前面的委托书。"));
            await inbox.CompleteAsync("notary-head@demo.justice.local", "approval", "批准");
        }
        finally
        {
            await inbox.CloseAsync();
        }

        string number;
        await using (var db = await DbAsync())
            number = (await db.CaseDocuments.AsNoTracking().SingleAsync(d => d.CaseId == caseId && d.Template == "notary/certificate")).Number!;
        Assert.Matches(@"^（\d{4}）湘衡.*证字第\d{4}号$", number);

        var visitor = await portal.NewPageAsync(390);
        await visitor.GotoAsync("verify");
        await visitor.GetByLabel("公证书编号").FillAsync(number);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "查验", Exact = true }).ClickAsync();
        Assert.Equal("valid", await visitor.Locator("[data-status]").GetAttributeAsync("data-status"));
        var text = await visitor.Locator("[data-status]").InnerTextAsync();
        Assert.Contains("委托书公证", text);
        Assert.DoesNotContain(ApplicantId, text);
        Assert.DoesNotContain("彭晓梅", text);
        await BrowserPortal.ShotAsync(visitor, "verify-issued-390");
        await visitor.Context.CloseAsync();
        await applicant.Context.CloseAsync();
    }

    async Task<string> SecretaryOfAsync(string caseId)
    {
        await using var db = await DbAsync();
        return (await db.CaseMembers.AsNoTracking().FirstAsync(m => m.CaseId == caseId && m.Relation == CaseRelations.Secretary && m.Active)).UserEmail;
    }

    static readonly string ApplicantId = Justice.Portal.Features.Filing.ChineseIdentity.ResidentId("430405", new DateOnly(1990, 3, 15), 122);

    static string ValidCreditCode() => Justice.Portal.Features.Filing.ChineseIdentity.CreditCode("430407", "MA4L0001");
}
