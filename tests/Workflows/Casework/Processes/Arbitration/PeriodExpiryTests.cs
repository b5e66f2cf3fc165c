using System.Text.Json.Nodes;
using Justice.Casework.Records;
using static Justice.Workflows.Tests.Casework.Processes.Arbitration.ArbitrationScenario;

namespace Justice.Workflows.Tests.Casework.Processes.Arbitration;

/// <summary>The periods of the arbitration process not covered by the path tests, each run out.</summary>
public sealed class PeriodExpiryTests : EngineTest
{
    async Task<ArbitrationScenario> StartAsync()
    {
        await PublishAsync(Host);
        return await ArbitrationScenario.StartAsync(Host);
    }

    [Fact]
    public async Task ApplicationCorrection_NoticeIsServed_AndThePeriodOfTheRuleSetRunsFromReceipt()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "需补正", SecretaryUser, new JsonObject { ["reason"] = "缺少仲裁协议原件" });

        var notice = Assert.Single(await s.DocumentsAsync());
        Assert.Equal("补正通知书", notice.Title);
        Assert.Contains("缺少仲裁协议原件", notice.Html);
        Assert.Contains("自收到本通知之日起10日内", notice.Html); // ARB-00 of the rule set
        Assert.Contains("视为撤回仲裁申请", notice.Html);
        Assert.DoesNotContain(await s.Cases.GetPeriodsAsync(s.CaseId), p => p.Code == "ARB-00"); // runs from receipt, not from issue

        await s.ServeAsync("serveCorrectionTask", "2026-11-27");

        var period = await s.PeriodAsync("ARB-00");
        Assert.Equal((new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 7)), (period.StartOn, period.DueOn)); // 10 days → Sunday 12-06 → Monday 12-07
        Assert.Equal(["已补正"], System.Text.Json.JsonSerializer.Deserialize<string[]>((await s.TaskAsync("correction")).OutcomesJson)!); // no early "not corrected": only the period running out deems it withdrawn
        var service = Assert.Single(await s.Cases.GetServicesAsync(s.CaseId));
        Assert.Equal((notice.Id, new DateOnly(2026, 11, 27)), (service.DocumentId, service.ReceivedOn));
    }

    [Fact]
    public async Task CorrectionPeriodRunsOut_ApplicationIsDeemedWithdrawn_OnlyAfterIt_WithAWrittenNotice()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "需补正", SecretaryUser, new JsonObject { ["reason"] = "缺少仲裁协议原件" });
        await s.AdvanceAsync(TimeSpan.FromDays(3));
        await s.ServeAsync("serveCorrectionTask"); // received 2026-11-29 → last day 2026-12-09

        await s.AdvanceAsync(TimeSpan.FromDays(10)); // 2026-12-09, the last day
        Assert.Equal("open", (await s.CaseAsync()).Status);
        await s.TaskAsync("correction");

        await s.AdvanceAsync(TimeSpan.FromDays(1));

        var record = await s.CaseAsync();
        Assert.Equal(("closed", "视为撤回"), (record.Status, record.Outcome));
        var notice = (await s.DocumentsAsync()).Last();
        Assert.Equal("视为撤回仲裁申请通知书", notice.Title);
        Assert.Contains("2026年11月29日", notice.Html);
        Assert.Contains("未在期限内补正", notice.Html);
        Assert.Contains("视为撤回仲裁申请", notice.Html);
        Assert.Contains(await s.Cases.GetServicesAsync(s.CaseId), x => x.DocumentId == notice.Id);
    }

    [Fact]
    public async Task CorrectionMade_LoopsBackToReview()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "需补正", SecretaryUser, new JsonObject { ["reason"] = "仲裁请求不明确" });
        await s.ServeAsync("serveCorrectionTask");

        await s.CompleteAsync("correction", "已补正", SecretaryUser);

        var review = await s.TaskAsync("review");
        Assert.Equal(PeriodStatus.Met, (await s.PeriodAsync("ARB-00")).Status);
        await s.CompleteAsync("review", "受理", SecretaryUser);
        Assert.Equal("（2026）衡仲字第0001号", (await s.CaseAsync()).Number);
        Assert.NotNull(review);
    }

    [Fact]
    public async Task ReselectionPeriodRunsOut_DirectorAppointsTheReplacement()
    {
        var s = await StartAsync();
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "回避申请", SecretaryUser);
        await s.CompleteAsync("challengeDecision", "准许回避", DirectorUser, new JsonObject
        {
            ["arbitrator"] = Arbitrator, ["arbitratorName"] = "赵仲裁员", ["applicant"] = "李某", ["grounds"] = "利害关系", ["reasoning"] = "情形属实",
        });

        await s.AdvanceAsync(TimeSpan.FromDays(8)); // ARB-07: 5 days
        await s.CompleteAsync("directorReplace", "已指定", DirectorUser, new JsonObject { ["arbitrator"] = OtherArbitrator, ["arbitratorName"] = "钱仲裁员", ["relation"] = "arbitrator" });

        var member = (await s.Cases.GetMembersAsync(s.CaseId)).Single(m => m.UserEmail == OtherArbitrator);
        Assert.Equal(("主任指定", true), (member.Note, member.Active));
        await s.TaskAsync("hub");
    }

    [Fact]
    public async Task ServiceAndArchivePeriodsRunOut_TasksAreMarkedOverdue()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);

        await s.AdvanceAsync(TimeSpan.FromDays(7)); // ARB-03: serve within 5 days of acceptance

        var serve = await s.TaskAsync("serveNoticeTask");
        Assert.True(serve.IsOverdue);
        Assert.Equal(PeriodStatus.Expired, (await s.PeriodAsync("ARB-03")).Status);
    }

    [Fact]
    public async Task DefenceAndAwardPeriods_RunFromReceiptAndFormation()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);
        await s.ServeAsync("serveNoticeTask", "2026-11-27");

        Assert.Equal(new DateOnly(2026, 12, 7), (await s.PeriodAsync("ARB-04")).DueOn); // summary: 10 days from receipt on 11-27, a Monday
        await s.CompleteAsync("soleTask", "双方共同选定", SecretaryUser, new JsonObject { ["arbitrator"] = Arbitrator, ["arbitratorName"] = "赵仲裁员" });
        var award = await s.PeriodAsync("ARB-13");
        Assert.Equal((60, "days"), (award.Amount, award.Unit));
        Assert.Equal(new DateOnly(2027, 1, 25), award.DueOn); // 60 days from 2026-11-26 (formation), a Monday
    }
}
