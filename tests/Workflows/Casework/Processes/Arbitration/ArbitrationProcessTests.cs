using System.Text.Json.Nodes;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using static Justice.Workflows.Tests.Casework.Processes.Arbitration.ArbitrationScenario;

namespace Justice.Workflows.Tests.Casework.Processes.Arbitration;

public sealed class ArbitrationProcessTests : EngineTest
{
    async Task<ArbitrationScenario> StartAsync(decimal amount = 200_000)
    {
        await PublishAsync(Host);
        return await ArbitrationScenario.StartAsync(Host, amount);
    }

    static JsonObject Reasoned(string items, string feeBorne) => new()
    {
        ["facts"] = "申请人依约交付货物，被申请人未付款。", ["opinion"] = "被申请人应当支付货款。", ["legalBasis"] = "《中华人民共和国民法典》第六百二十六条",
        ["items"] = items, ["feeBorne"] = feeBorne,
    };

    [Theory]
    [InlineData(200_000, 3, "简易程序须提前3日通知当事人")]
    [InlineData(5_000_000, 5, "普通程序须提前5日通知当事人")]
    public async Task HearingDate_SoonerThanTheLeadTimeOfTheRuleSet_IsRefusedWithTheReason(decimal amount, int days, string reason)
    {
        var s = await StartAsync(amount);
        if (amount > 3_000_000)
            await FormThreeMemberTribunalAsync(s);
        else
            await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        var today = DateOnly.ParseExact(s.Today, "yyyy-MM-dd");
        var task = await s.TaskAsync("hearingTask");

        var refused = await s.Tasks.CompleteAsync(task.Id, SecretaryUser, "已安排", null,
            new JsonObject { ["hearingDate"] = today.AddDays(days - 1).ToString("yyyy-MM-dd"), ["hearingPlace"] = "本会第一仲裁庭" });

        var invalid = Assert.IsType<TaskCompletion.Invalid>(refused);
        var problem = Assert.Single(invalid.Errors);
        Assert.Equal("$.data.hearingDate", problem.Path);
        Assert.Contains("ARB-11", problem.Message);
        Assert.Contains(reason, problem.Message);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = today.AddDays(days).ToString("yyyy-MM-dd"), ["hearingPlace"] = "本会第一仲裁庭" });
        Assert.Equal(2, (await s.DocumentsAsync()).Count(d => d.Title == "开庭通知书"));
    }

    static async Task FormThreeMemberTribunalAsync(ArbitrationScenario s)
    {
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);
        await s.ServeAsync("serveNoticeTask");
        await s.CompleteAsync("wingsTask", "已选定", SecretaryUser, new JsonObject
        {
            ["claimantArbitrator"] = Arbitrator, ["claimantArbitratorName"] = "赵仲裁员", ["respondentArbitrator"] = OtherArbitrator,
            ["respondentArbitratorName"] = "钱仲裁员", ["presidingArbitrator"] = "presiding@bureau.test", ["presidingArbitratorName"] = "孙首席",
        });
        await s.CompleteAsync("disclosure", "无需披露", ArbitratorUser);
    }

    [Fact]
    public async Task Award_WithoutFactsReasonsOrLegalBasis_CannotBeIssued_ButAConciliationStatementNeedsNone()
    {
        var s = await StartAsync();
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-10", ["hearingPlace"] = "本会第一仲裁庭" });
        var task = await s.TaskAsync("hearing");

        var refused = await s.Tasks.CompleteAsync(task.Id, ArbitratorUser, "作出裁决", null, new JsonObject { ["items"] = "被申请人支付货款200,000元", ["feeBorne"] = "被申请人承担" });

        var invalid = Assert.IsType<TaskCompletion.Invalid>(refused);
        Assert.Equal(["$.data.facts", "$.data.opinion", "$.data.legalBasis"], invalid.Errors.Select(e => e.Path));
        Assert.All(invalid.Errors, e => Assert.StartsWith("“作出裁决”须填写", e.Message));
        Assert.DoesNotContain(await s.DocumentsAsync(), d => d.Title == "裁决书");
        await s.CompleteAsync("hearing", "达成调解", ArbitratorUser, new JsonObject { ["items"] = "被申请人分期支付货款", ["feeBorne"] = "双方各半" });
        Assert.Contains(await s.DocumentsAsync(), d => d.Title == "调解书");
    }

    [Fact]
    public async Task MainPath_SummaryProcedure_RunsFromFilingToReviewedAward()
    {
        var s = await StartAsync();
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-10", ["hearingTime"] = "上午9时", ["hearingPlace"] = "本会第一仲裁庭" });
        await s.CompleteAsync("hearing", "作出裁决", ArbitratorUser, new JsonObject
        {
            ["facts"] = "申请人依约交付货物，被申请人未付款。", ["opinion"] = "被申请人应当支付货款。", ["legalBasis"] = "《中华人民共和国民法典》第六百二十六条", ["items"] = "被申请人支付货款200,000元\n仲裁费由被申请人承担",
            ["feeBorne"] = "被申请人承担",
        });
        await s.ServeAsync("serveAwardTask");
        await s.CompleteAsync("correctionWindow", "无补正申请", SecretaryUser);
        await s.CompleteAsync("archiveTask", "已归档", SecretaryUser);
        var done = await s.CompleteAsync("reviewTask", "合格", ReviewerUser, new JsonObject { ["findings"] = "程序规范，文书格式正确。" });

        Assert.Equal("Finished", done.SubStatus);
        var record = await s.CaseAsync();
        Assert.Equal("（2026）衡仲字第0001号", record.Number);
        Assert.Equal(("closed", "裁决", "已评查", "summary"), (record.Status, record.Outcome, record.Stage, record.Procedure));
        Assert.Equal("hengyang-arbitration-2026", record.RuleSetId);
        Assert.Equal("合格", JsonNode.Parse(record.FieldsJson)!["reviewGrade"]!.GetValue<string>());
        var documents = await s.DocumentsAsync();
        Assert.Equal(["受理通知书", "送达回证", "仲裁通知书", "送达回证", "组庭通知书", "组庭通知书", "开庭通知书", "开庭通知书", "送达回证", "送达回证", "裁决书", "送达回证", "送达回证"],
            documents.Select(d => d.Title));
        Assert.All(documents, d => Assert.Equal("（2026）衡仲字第0001号", d.Number));
        Assert.All(documents, d => Assert.DoesNotContain("⟦", d.Html));
        Assert.Contains("本裁决为终局裁决", documents.Single(d => d.Title == "裁决书").Html);
        var receipts = documents.Where(d => d.Title == "送达回证").Select(d => d.Html).ToList();
        foreach (var (served, addressee, i) in new[] { ("受理通知书", "衡阳市示范商贸有限公司", 0), ("仲裁通知书", "李某", 1), ("开庭通知书", "衡阳市示范商贸有限公司", 2), ("开庭通知书", "李某", 3), ("裁决书", "衡阳市示范商贸有限公司", 4), ("裁决书", "李某", 5) })
        {
            Assert.Contains($"<tr><th>送达文书</th><td>{served}</td></tr>", receipts[i]);
            Assert.Contains($"<tr><th>受送达人</th><td>{addressee}</td></tr>", receipts[i]);
            Assert.Contains("<tr><th>送达方式</th><td>电子送达</td></tr>", receipts[i]);
            Assert.Contains("<tr><th>送达日期</th><td>2026年11月26日</td></tr>", receipts[i]);
            Assert.Contains("<tr><th>送达人</th><td>王秘书（签名）</td></tr>", receipts[i]);
        }
        var members = await s.Cases.GetMembersAsync(s.CaseId);
        Assert.Contains(members, m => m.UserEmail == Arbitrator && m.Relation == CaseRelations.Arbitrator && m.Active);
        Assert.Contains(members, m => m.UserEmail == Reviewer && m.Relation == CaseRelations.Reviewer);
        var decisions = (await s.Cases.GetEntriesAsync(s.CaseId)).Where(e => e.Kind == "decision").ToList();
        Assert.Contains(decisions, e => e.Title.StartsWith("立案审查") && e.Actor == Secretary);
        Assert.Contains(decisions, e => e.Title.Contains("作出裁决") && e.Actor == Arbitrator && e.DataJson.Contains("被申请人支付货款"));
        Assert.NotEmpty(await s.Cases.GetNotificationsAsync("applicant@demo.justice.local"));
        var fees = JsonNode.Parse(record.FieldsJson)!["fees"]!;
        Assert.Equal(6_525m, fees["acceptanceFee"]!.GetValue<decimal>()); // 70 + 49,000×4.5% + 50,000×3.5% + 100,000×2.5%
    }

    [Fact]
    public async Task NotAccepted_IssuesRefusalWithReasonsAndCloses()
    {
        var s = await StartAsync();

        var done = await s.CompleteAsync("review", "不予受理", SecretaryUser, new JsonObject { ["reason"] = "当事人之间没有仲裁协议" });

        Assert.Equal("Finished", done.SubStatus);
        var record = await s.CaseAsync();
        Assert.Equal(("closed", "不予受理"), (record.Status, record.Outcome));
        Assert.Null(record.Number);
        var refusal = Assert.Single(await s.DocumentsAsync());
        Assert.Equal("（2026）衡仲不受字第0001号", refusal.Number);
        Assert.Contains("当事人之间没有仲裁协议", refusal.Html);
        Assert.Contains("决定不予受理", refusal.Html);
    }

    [Fact]
    public async Task FeeNotPrepaidInTime_IsDeemedWithdrawn()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask", "2026-11-26");

        var period = await s.PeriodAsync("ARB-02");
        Assert.Equal(new DateOnly(2026, 12, 11), period.DueOn); // 15 days from receipt on 2026-11-26
        Assert.Equal(0, await s.AdvanceAsync(TimeSpan.FromDays(15)));
        Assert.True(await s.AdvanceAsync(TimeSpan.FromDays(1)) > 0);

        var record = await s.CaseAsync();
        Assert.Equal(("closed", "视为撤回"), (record.Status, record.Outcome));
        Assert.Equal(PeriodStatus.Expired, (await s.PeriodAsync("ARB-02")).Status);
        var decision = (await s.DocumentsAsync()).Last();
        Assert.Contains("视为撤回仲裁申请", decision.Html);
        Assert.Equal("（2026）衡仲决字第0001号", decision.Number);
    }

    [Fact]
    public async Task PartiesMissSelectionPeriod_DirectorAppointsTheArbitrator()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);
        await s.ServeAsync("serveNoticeTask");

        await s.AdvanceAsync(TimeSpan.FromDays(12)); // 10 days (summary) from receipt, then the end of the last day
        var task = await s.TaskAsync("directorSole");
        Assert.False(await s.Tasks.MayActAsync(task, SecretaryUser));
        await s.CompleteAsync("directorSole", "已指定", DirectorUser, new JsonObject { ["arbitrator"] = OtherArbitrator, ["arbitratorName"] = "钱仲裁员" });

        var member = Assert.Single(await s.Cases.GetMembersAsync(s.CaseId), m => m.Relation == CaseRelations.Arbitrator);
        Assert.Equal((OtherArbitrator, "主任指定"), (member.UserEmail, member.Note));
        Assert.Equal("组庭", (await s.CaseAsync()).Stage);
        await s.TaskAsync("disclosure");
    }

    [Fact]
    public async Task ChallengeUpheld_RecusesArbitratorWhoLosesAccess_AndReplacementTakesOver()
    {
        var s = await StartAsync();
        await s.FormSoleTribunalAsync();

        await s.CompleteAsync("hub", "回避申请", SecretaryUser);
        await s.CompleteAsync("challengeDecision", "准许回避", DirectorUser, new JsonObject
        {
            ["arbitrator"] = Arbitrator, ["arbitratorName"] = "赵仲裁员", ["applicant"] = "李某", ["grounds"] = "仲裁员曾担任申请人的法律顾问", ["reasoning"] = "申请人所述情形属实",
        });
        await s.CompleteAsync("reselect", "已选定", SecretaryUser, new JsonObject { ["arbitrator"] = OtherArbitrator, ["arbitratorName"] = "钱仲裁员", ["relation"] = "arbitrator" });
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-20", ["hearingPlace"] = "本会第二仲裁庭" });

        var hearing = await s.TaskAsync("hearing");
        Assert.False(await s.Tasks.MayActAsync(hearing, ArbitratorUser));
        Assert.True(await s.Tasks.MayActAsync(hearing, OtherArbitratorUser));
        Assert.Empty((await s.Tasks.ListAsync(ArbitratorUser, 1, 50)).Items);
        var members = await s.Cases.GetMembersAsync(s.CaseId);
        Assert.False(members.Single(m => m.UserEmail == Arbitrator).Active);
        Assert.True(members.Single(m => m.UserEmail == OtherArbitrator).Active);
        var decision = (await s.DocumentsAsync()).Single(d => d.Title == "回避决定书");
        Assert.Contains("仲裁员赵仲裁员回避", decision.Html);
        Assert.Equal("（2026）衡仲决字第0001号", decision.Number);
    }

    [Fact]
    public async Task Conciliation_ClosesWithConciliationStatement()
    {
        var s = await StartAsync();
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-10", ["hearingPlace"] = "本会第一仲裁庭" });

        await s.CompleteAsync("hearing", "达成调解", ArbitratorUser, new JsonObject { ["items"] = "被申请人于2026年12月31日前支付货款180,000元\n申请人放弃其余请求", ["feeBorne"] = "双方各半" });

        var record = await s.CaseAsync();
        Assert.Equal(("closed", "调解"), (record.Status, record.Outcome));
        var statement = (await s.DocumentsAsync()).Last();
        Assert.Equal("调解书", statement.Title);
        Assert.Contains("申请人放弃其余请求", statement.Html);
        Assert.Contains("自双方当事人签收之日起发生法律效力", statement.Html);
        await s.TaskAsync("archiveTask");
    }

    [Fact]
    public async Task Suspension_PausesTheAwardPeriod_AndResumptionMovesItsLastDay()
    {
        var s = await StartAsync();
        await s.FormSoleTribunalAsync();
        var before = await s.PeriodAsync("ARB-13");
        Assert.Equal(PeriodStatus.Running, before.Status);

        await s.CompleteAsync("hub", "中止审理", SecretaryUser, new JsonObject { ["suspensionReason"] = "本案须以另一案的审理结果为依据，而另一案尚未审结" });
        await s.CompleteAsync("suspendDecision", "决定中止", ArbitratorUser, new JsonObject { ["reason"] = "本案须以另一案的审理结果为依据，而另一案尚未审结" });
        var paused = await s.PeriodAsync("ARB-13");
        Assert.Equal(PeriodStatus.Paused, paused.Status);
        await s.AdvanceAsync(TimeSpan.FromDays(20));
        await s.CompleteAsync("suspended", "恢复审理", SecretaryUser);

        var resumed = await s.PeriodAsync("ARB-13");
        Assert.Equal(PeriodStatus.Running, resumed.Status);
        Assert.True(resumed.DueOn.DayNumber - before.DueOn.DayNumber >= 20, $"{before.DueOn} → {resumed.DueOn}");
        Assert.Equal("审理", (await s.CaseAsync()).Stage);
        await s.TaskAsync("hub");
        var documents = await s.DocumentsAsync();
        var decision = documents.Single(d => d.Title == "中止仲裁决定书");
        Assert.Equal("（2026）衡仲决字第0001号", decision.Number);
        Assert.Contains("因本案须以另一案的审理结果为依据，而另一案尚未审结，仲裁庭认为本案仲裁程序需要中止", decision.Html);
        Assert.Contains("独任仲裁员：赵仲裁员", decision.Html);
        var notice = documents.Single(d => d.Title == "恢复仲裁程序通知书").Html;
        Assert.Contains("以（2026）衡仲决字第0001号决定书决定中止仲裁程序", notice);
        Assert.Contains("本案自2026年12月16日起恢复仲裁程序", notice);
    }

    [Fact]
    public async Task SuspensionRefusedByTheTribunal_LeavesTheAwardPeriodRunning_AndIssuesNothing()
    {
        var s = await StartAsync();
        await s.FormSoleTribunalAsync();

        await s.CompleteAsync("hub", "中止审理", SecretaryUser, new JsonObject { ["suspensionReason"] = "被申请人申请中止" });
        await s.CompleteAsync("suspendDecision", "不予中止", ArbitratorUser);

        Assert.Equal(PeriodStatus.Running, (await s.PeriodAsync("ARB-13")).Status);
        Assert.DoesNotContain(await s.DocumentsAsync(), d => d.Title == "中止仲裁决定书");
        await s.TaskAsync("hub");
    }

    [Theory]
    [InlineData(false, 6_525)]
    [InlineData(true, 3_262.5)]
    public async Task Withdrawal_RefundsInFullBeforeFormation_AndPartlyAfter(bool afterFormation, decimal refund)
    {
        var s = await StartAsync();
        if (afterFormation)
        {
            await s.FormSoleTribunalAsync();
            await s.CompleteAsync("hub", "撤回申请", SecretaryUser);
        }
        else
        {
            await s.CompleteAsync("review", "受理", SecretaryUser);
            await s.ServeAsync("serveAcceptTask");
            await s.CompleteAsync("feeTask", "已预交", SecretaryUser);
            await s.ServeAsync("serveNoticeTask");
            await s.CompleteAsync("soleTask", "撤回申请", SecretaryUser);
        }

        var record = await s.CaseAsync();
        Assert.Equal(("closed", "撤回"), (record.Status, record.Outcome));
        var entries = await s.Cases.GetEntriesAsync(s.CaseId);
        var fee = entries.Single(e => e.Kind == "fee" && e.Title.StartsWith("撤回申请"));
        Assert.Equal(refund, JsonNode.Parse(fee.DataJson)!["refund"]!.GetValue<decimal>());
        Assert.Contains(Justice.Casework.Documents.ChineseFormat.MoneyInDocuments(refund), (await s.DocumentsAsync()).Last().Html);
    }

    [Theory]
    [InlineData("feeTask")]
    [InlineData("soleTask")]
    public async Task WithdrawalBeforeTheFeeIsPaid_RefundsNothing_AndTheDecisionSaysSo(string at)
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        if (at == "soleTask")
        {
            await s.CompleteAsync("feeTask", "准予缓交", SecretaryUser); // deferred, still unpaid
            await s.ServeAsync("serveNoticeTask");
        }

        await s.CompleteAsync(at, "撤回申请", SecretaryUser);

        Assert.Equal(("closed", "撤回"), ((await s.CaseAsync()).Status, (await s.CaseAsync()).Outcome));
        var fee = (await s.Cases.GetEntriesAsync(s.CaseId)).Single(e => e.Kind == "fee" && e.Title.StartsWith("撤回申请"));
        Assert.Equal((0m, 0m), (JsonNode.Parse(fee.DataJson)!["acceptanceFeePaid"]!.GetValue<decimal>(), JsonNode.Parse(fee.DataJson)!["refund"]!.GetValue<decimal>()));
        Assert.Contains("未预交", fee.Title);
        var decision = (await s.DocumentsAsync()).Last();
        Assert.Contains("申请人撤回仲裁申请时尚未预交仲裁费用，无费用可退。", decision.Html);
        Assert.DoesNotContain("退还", decision.Html);
    }

    [Theory]
    [InlineData(200_000, "10日内与被申请人共同选定或者共同委托本会主任指定独任仲裁员", "10日内与申请人共同选定或者共同委托本会主任指定独任仲裁员")]
    [InlineData(5_000_000, "15日内选定或者委托本会主任指定一名仲裁员，并与被申请人共同选定或者共同委托本会主任指定首席仲裁员", "15日内选定或者委托本会主任指定一名仲裁员，并与申请人共同选定或者共同委托本会主任指定首席仲裁员")]
    public async Task AcceptanceAndArbitrationNotices_TellEachSideItsPeriodToChooseArbitrators_AndTheDefault(decimal amount, string toClaimant, string toRespondent)
    {
        var s = await StartAsync(amount);
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);

        var documents = await s.DocumentsAsync();
        foreach (var (title, text) in new[] { ("受理通知书", toClaimant), ("仲裁通知书", toRespondent) })
        {
            var html = documents.Single(d => d.Title == title).Html;
            Assert.Contains($"请你方自收到本通知之日起{text}", html);
            Assert.Contains("逾期未选定的，由本会主任指定", html);
        }
    }

    [Fact]
    public async Task DirectorSittingOnTheTribunal_DoesNotDecideAChallengeToIt()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);
        await s.ServeAsync("serveNoticeTask");
        await s.CompleteAsync("soleTask", "双方共同选定", SecretaryUser, new JsonObject { ["arbitrator"] = Director, ["arbitratorName"] = "周主任" });
        await s.CompleteAsync("disclosure", "无需披露", new TaskUser(Director, ["director", "arbitrator"]));
        await s.CompleteAsync("hub", "回避申请", SecretaryUser);
        var task = await s.TaskAsync("challengeDecision");
        var decision = new JsonObject
        {
            ["arbitrator"] = Director, ["arbitratorName"] = "周主任", ["applicant"] = "李某", ["grounds"] = "仲裁员与申请人的代理人系同事", ["reasoning"] = "申请人所述情形不属实",
        };

        var refused = await s.Tasks.CompleteAsync(task.Id, new TaskUser(Director, ["director", "arbitrator"]), "驳回申请", null, decision);

        Assert.IsType<TaskCompletion.Forbidden>(refused);
        var deputy = new TaskUser("deputy@bureau.test", ["director"]);
        await s.CompleteAsync("challengeDecision", "提交委员会集体决定", deputy);
        var collective = await s.TaskAsync("commissionChallenge");
        Assert.IsType<TaskCompletion.Forbidden>(await s.Tasks.CompleteAsync(collective.Id, new TaskUser(Director, ["director", "arbitrator"]), "驳回申请", null, decision));
        decision["meetingDate"] = "2026-11-30";
        decision["membersPresent"] = "吴副主任、郑委员、冯委员、陈委员";
        await s.CompleteAsync("commissionChallenge", "驳回申请", deputy, decision);
        await s.TaskAsync("hub");
        var html = (await s.DocumentsAsync()).Single(d => d.Title == "回避决定书").Html;
        Assert.Contains("因本会主任担任本案仲裁员，本会于2026年11月30日召开委员会会议对回避申请进行集体决定，出席会议的委员：吴副主任、郑委员、冯委员、陈委员。", html);
        Assert.Contains("驳回李某的回避申请", html);
    }

    [Fact]
    public async Task ReviewerWhoHandledTheCase_IsNeitherPickedNorAllowed()
    {
        await PublishAsync(Host);
        var s = await ArbitrationScenario.StartAsync(Host, reviewers: [Secretary, Arbitrator, Reviewer]);
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-10", ["hearingPlace"] = "本会第一仲裁庭" });
        await s.CompleteAsync("hearing", "达成调解", ArbitratorUser, new JsonObject { ["items"] = "调解事项", ["feeBorne"] = "申请人承担" });
        await s.CompleteAsync("archiveTask", "已归档", SecretaryUser);

        var review = await s.TaskAsync("reviewTask");
        Assert.True(await s.Tasks.MayActAsync(review, ReviewerUser));
        Assert.False(await s.Tasks.MayActAsync(review, new TaskUser(Secretary, ["secretary", "reviewer"])));
        Assert.IsType<TaskCompletion.Forbidden>(await s.Tasks.CompleteAsync(review.Id, new TaskUser(Arbitrator, ["reviewer"]), "优秀", null, new JsonObject { ["findings"] = "x" }));
        var reviewer = Assert.Single(await s.Cases.GetMembersAsync(s.CaseId), m => m.Relation == CaseRelations.Reviewer);
        Assert.Equal(Reviewer, reviewer.UserEmail);
    }

    [Fact]
    public async Task TaskForm_RejectsMissingAndMalformedFields()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "受理", SecretaryUser);
        var task = await s.TaskAsync("serveAcceptTask");

        var result = await s.Tasks.CompleteAsync(task.Id, SecretaryUser, "已送达", null, new JsonObject { ["method"] = "pigeon", ["receivedOn"] = "26/11/2026" });

        var invalid = Assert.IsType<TaskCompletion.Invalid>(result);
        Assert.Equal(["$.data.method", "$.data.receivedOn"], invalid.Errors.Select(e => e.Path));
        Assert.Equal("Open", (await s.Host.TaskStore.FindTaskAsync(task.Id))!.Status);
    }

    [Fact]
    public async Task OverdueWithoutOverduePort_MarksTaskOverdueAndKeepsItOpen()
    {
        var s = await StartAsync();

        await s.AdvanceAsync(TimeSpan.FromDays(8)); // ARB-01: 5 days from filing

        var review = await s.TaskAsync("review");
        Assert.True(review.IsOverdue);
        Assert.Equal(PeriodStatus.Expired, (await s.PeriodAsync("ARB-01")).Status);
        await s.CompleteAsync("review", "受理", SecretaryUser);
    }

    [Fact]
    public async Task DisclosureReplyPeriodExpiring_ContinuesWithoutChallenge_AndCorrectionWindowExpiringCloses()
    {
        var s = await StartAsync();
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);
        await s.ServeAsync("serveNoticeTask");
        await s.CompleteAsync("soleTask", "双方共同选定", SecretaryUser, new JsonObject { ["arbitrator"] = Arbitrator, ["arbitratorName"] = "赵仲裁员" });
        await s.CompleteAsync("disclosure", "已披露", ArbitratorUser, new JsonObject { ["disclosure"] = "曾与被申请人代理人同在一律师事务所执业（2015 年前）" });

        await s.AdvanceAsync(TimeSpan.FromDays(8)); // ARB-09: 5 days
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-30", ["hearingPlace"] = "本会第一仲裁庭" });
        await s.CompleteAsync("hearing", "作出裁决", ArbitratorUser, Reasoned("驳回申请人的仲裁请求", "申请人承担"));
        await s.ServeAsync("serveAwardTask");
        await s.AdvanceAsync(TimeSpan.FromDays(33)); // ARB-14: 30 days from receipt

        var record = await s.CaseAsync();
        Assert.Equal(("closed", "裁决"), (record.Status, record.Outcome));
        await s.TaskAsync("archiveTask");
    }

    [Fact]
    public async Task CorrectionRequest_TribunalIssuesASeparateCorrectionAward_ReferringToTheOriginal_WhichStaysValid()
    {
        var s = await StartAsync();
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-10", ["hearingPlace"] = "本会第一仲裁庭" });
        await s.CompleteAsync("hearing", "作出裁决", ArbitratorUser, Reasoned("被申请人支付货款20,000元", "被申请人承担"));
        await s.ServeAsync("serveAwardTask");
        await s.AdvanceAsync(TimeSpan.FromDays(3));
        await s.CompleteAsync("correctionWindow", "申请补正", SecretaryUser, new JsonObject { ["requestedBy"] = "claimant", ["requestedOn"] = s.Today, ["correction"] = "裁决第一项“20,000元”系笔误" });
        Assert.DoesNotContain(await s.DocumentsAsync(), d => d.Title == "补正裁决书"); // the tribunal decides, not the secretary

        await s.CompleteAsync("correctionDecision", "补正", ArbitratorUser, new JsonObject { ["correction"] = "裁决第一项“被申请人支付货款20,000元”更正为“被申请人支付货款200,000元”" });

        var documents = await s.DocumentsAsync();
        var award = documents.Single(d => d.Title == "裁决书");
        var corrected = documents.Single(d => d.Title == "补正裁决书");
        Assert.Null(corrected.SupersedesId);
        Assert.Equal("arbitration/award-correction", corrected.Template);
        Assert.Contains($"本会于2026年11月26日作出的{award.Number}裁决书", corrected.Html);
        Assert.Contains("更正为“被申请人支付货款200,000元”", corrected.Html);
        Assert.Contains("本补正裁决书是原裁决书的组成部分", corrected.Html);
        Assert.Contains("二〇二六年十一月二十六日", award.Html); // the original keeps its date
        Assert.DoesNotContain("二〇二六年十一月二十六日", corrected.Html);
        Assert.Equal(("closed", "裁决"), ((await s.CaseAsync()).Status, (await s.CaseAsync()).Outcome));
    }

    [Fact]
    public async Task CorrectionRequest_RefusedByTheTribunal_IssuesAWrittenRefusalServedOnTheRequestingParty_AndTheAwardStands()
    {
        var s = await StartAsync();
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-10", ["hearingPlace"] = "本会第一仲裁庭" });
        await s.CompleteAsync("hearing", "作出裁决", ArbitratorUser, Reasoned("被申请人支付货款200,000元", "被申请人承担"));
        await s.ServeAsync("serveAwardTask");
        await s.CompleteAsync("correctionWindow", "申请补正", SecretaryUser, new JsonObject { ["requestedBy"] = "claimant", ["requestedOn"] = "2026-11-27", ["correction"] = "申请人要求增加利息" });

        await s.CompleteAsync("correctionDecision", "不予补正", ArbitratorUser, new JsonObject { ["reason"] = "利息请求未在仲裁请求中提出，不属于补正范围" });
        await s.ServeAsync("serveCorrectionRefusalTask");

        var documents = await s.DocumentsAsync();
        Assert.DoesNotContain(documents, d => d.Title == "补正裁决书");
        var refusal = documents.Single(d => d.Title == "不予补正决定书");
        Assert.Equal("（2026）衡仲决字第0001号", refusal.Number);
        Assert.Contains("本会于2026年11月26日作出的（2026）衡仲字第0001号裁决书送达后，衡阳市示范商贸有限公司于2026年11月27日申请补正，请求补正的事项为：申请人要求增加利息。", refusal.Html);
        Assert.Contains("经审查，仲裁庭认为：利息请求未在仲裁请求中提出，不属于补正范围。", refusal.Html);
        Assert.Contains("驳回衡阳市示范商贸有限公司的补正申请。", refusal.Html);
        var service = Assert.Single(await s.Cases.GetServicesAsync(s.CaseId), v => v.DocumentId == refusal.Id);
        Assert.Equal("衡阳市示范商贸有限公司", service.Recipient);
        Assert.Equal("closed", (await s.CaseAsync()).Status);
    }

    [Fact]
    public async Task OrdinaryProcedure_AboveThreshold_FormsThreeMemberTribunal()
    {
        var s = await StartAsync(amount: 5_000_000);
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);
        await s.ServeAsync("serveNoticeTask");
        Assert.Equal(new DateOnly(2026, 12, 11), (await s.PeriodAsync("ARB-06")).DueOn); // ordinary: 15 days

        await s.CompleteAsync("wingsTask", "已选定", SecretaryUser, new JsonObject
        {
            ["claimantArbitrator"] = Arbitrator, ["claimantArbitratorName"] = "赵仲裁员", ["respondentArbitrator"] = OtherArbitrator,
            ["respondentArbitratorName"] = "钱仲裁员", ["presidingArbitrator"] = "presiding@bureau.test", ["presidingArbitratorName"] = "孙首席",
        });

        var record = await s.CaseAsync();
        Assert.Equal("ordinary", record.Procedure);
        var tribunal = (await s.Cases.GetMembersAsync(s.CaseId)).Where(m => CaseRelations.IsTribunal(m.Relation)).ToList();
        Assert.Equal(3, tribunal.Count);
        Assert.Contains("首席仲裁员：孙首席", (await s.DocumentsAsync()).Last(d => d.Title == "组庭通知书").Html);
    }
}
