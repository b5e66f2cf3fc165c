using System.Text.Json.Nodes;
using Justice.Casework.Records;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using static Justice.Workflows.Tests.Casework.Processes.CaseDriver;

namespace Justice.Workflows.Tests.Casework.Processes;

public sealed class LegalAidProcessTests : EngineTest
{
    async Task<CaseDriver> StartAsync(bool exempt = false, int? seed = null, string idNumber = ApplicantId)
    {
        await PublishAllAsync(Host);
        PlanSampling(Host, seed ?? NotaryProcessTests.SeedFor(sampled: false));
        return await CaseDriver.StartAsync(Host, "legal-aid-application", new JsonObject
        {
            ["Applicant"] = Applicant(idNumber), ["Matter"] = "追索劳动报酬", ["Category"] = "民事", ["Form"] = "劳动争议仲裁代理", ["Exempt"] = exempt,
            ["FiledOn"] = "2026-11-26", ["Verifiers"] = new JsonArray(Verifier.Email),
        });
    }

    async Task GrantAndAssignAsync(CaseDriver d)
    {
        await d.CompleteAsync("decide", "给予法律援助", AidHead);
        await d.CompleteAsync("assignTask", "已指派", Officer, new JsonObject { ["provider"] = Provider.Email, ["providerName"] = "黄律师", ["lawFirm"] = "湖南示范律师事务所" });
    }

    [Fact]
    public async Task MainPath_WithHardshipCommitment_GrantsAssignsAndCloses()
    {
        var d = await StartAsync();
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });
        Assert.Equal(new DateOnly(2026, 12, 3), (await d.PeriodAsync("LA-02")).DueOn); // 7 days from receipt
        await GrantAndAssignAsync(d);
        Assert.Equal(new DateOnly(2026, 11, 30), (await d.PeriodAsync("LA-03")).DueOn); // 3 days: Sunday 11-29 → Monday
        await d.CompleteAsync("handling", "事项已办结", Provider);
        var done = await d.CompleteAsync("closingReport", "已提交结案报告", Provider, new JsonObject { ["report"] = "经仲裁调解，用人单位支付工资 32,000 元。" });

        Assert.Equal("Finished", done.SubStatus);
        var record = await d.CaseAsync();
        Assert.Equal(("（2026）衡法援字第0001号", "closed", "结案"), (record.Number, record.Status, record.Outcome));
        Assert.Equal(["给予法律援助决定书", "指派通知书"], (await d.DocumentsAsync()).Select(x => x.Title));
        Assert.Contains("经本人书面承诺", (await d.DocumentsAsync())[0].Html);
        Assert.Contains("黄律师", (await d.DocumentsAsync())[1].Html);
        Assert.Contains(await d.Cases.GetMembersAsync(d.CaseId), m => m.Relation == CaseRelations.Provider && m.UserEmail == Provider.Email);
    }

    [Fact]
    public async Task HardshipCommitment_NoticeAndCommitmentCarryTheLegalAidCentresLetterhead_AndNameArticle64()
    {
        var d = await StartAsync();
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });

        var commitment = Assert.Single(await Host.Instances.GetChildrenAsync(d.InstanceId)).CorrelationId!;
        var documents = await d.DocumentsAsync(commitment);
        var notice = documents.Single(x => x.Title == "证明事项告知承诺书（告知书）");
        var signed = documents.Single(x => x.Title == "证明事项承诺书");
        Assert.All([notice, signed], x => Assert.Contains("<div class=\"issuer\">衡阳市法律援助中心</div>", x.Html));
        Assert.Contains("依照《中华人民共和国法律援助法》第六十四条的规定承担", notice.Html);
        Assert.Contains("<li>本人及共同生活的家庭成员符合衡阳市法律援助经济困难标准；</li>", signed.Html);
    }

    [Fact]
    public async Task ExemptFromTheMeansTest_GoesStraightToTheDecision()
    {
        var d = await StartAsync(exempt: true);

        await d.TaskAsync("decide");

        Assert.Empty((await d.Host.Instances.QueryAsync(new Justice.Workflows.Runtime.Stores.InstanceQuery("commitment-certification", null, null, null, 1, 5))).Items);
    }

    [Fact]
    public async Task ApplicantBringsProof_InsteadOfCommitting()
    {
        var d = await StartAsync();
        await d.CompleteAsync("choice", "提交证明材料", Officer);

        await d.CompleteAsync("proof", "符合标准", Officer);

        await d.TaskAsync("decide");
    }

    [Fact]
    public async Task Refused_ObjectionUpheldByTheBureauWithinFiveDays_LeadsToAid()
    {
        var d = await StartAsync(exempt: true);
        await d.CompleteAsync("decide", "不予法律援助", AidHead, new JsonObject { ["reason"] = "申请人家庭人均收入高于本市标准" });
        await d.CompleteAsync("objectionWindow", "提出异议", Officer);
        Assert.Equal(new DateOnly(2026, 12, 1), (await d.PeriodAsync("LA-06")).DueOn);

        await d.CompleteAsync("objection", "责令改正", Supervisor, new JsonObject { ["reasoning"] = "申请人系欠薪农民工，依法免予核查经济困难状况" });

        await d.TaskAsync("assignTask");
        Assert.Equal(["不予法律援助决定书", "法律援助异议审查决定书", "给予法律援助决定书"], (await d.DocumentsAsync()).Select(x => x.Title));
        Assert.Contains("责令衡阳市法律援助中心改正", (await d.DocumentsAsync())[1].Html);
    }

    [Fact]
    public async Task Refused_ObjectionRejected_ClosesTheCase()
    {
        var d = await StartAsync(exempt: true);
        await d.CompleteAsync("decide", "不予法律援助", AidHead, new JsonObject { ["reason"] = "申请事项不属于法律援助范围" });
        await d.CompleteAsync("objectionWindow", "提出异议", Officer);

        await d.CompleteAsync("objection", "维持", Supervisor, new JsonObject { ["reasoning"] = "原决定正确" });

        var record = await d.CaseAsync();
        Assert.Equal(("closed", "不予法律援助"), (record.Status, record.Outcome));
        Assert.Contains("五日内", (await d.DocumentsAsync()).First().Html);
    }

    [Fact]
    public async Task DecisionAndAssignmentPeriodsRunOut_TasksAreMarkedOverdue()
    {
        var d = await StartAsync(exempt: true);
        await d.AdvanceAsync(TimeSpan.FromDays(9));
        Assert.True((await d.TaskAsync("decide")).IsOverdue);

        await d.CompleteAsync("decide", "给予法律援助", AidHead);
        await d.AdvanceAsync(TimeSpan.FromDays(5));

        Assert.True((await d.TaskAsync("assignTask")).IsOverdue);
        Assert.Equal(PeriodStatus.Expired, (await d.PeriodAsync("LA-03")).Status);
    }

    /// <summary>A sampled hardship commitment found false, through the notice, the statement period and the head's decision.</summary>
    async Task<CaseDriver> FoundFalseAfterTheGrantAsync()
    {
        var d = await StartAsync(seed: NotaryProcessTests.SeedFor(sampled: true));
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });
        await GrantAndAssignAsync(d);
        await d.CompleteAsync("verify", "虚假", Verifier, new JsonObject { ["method"] = "网络核验", ["findings"] = "申请人名下有两处房产及营运车辆" });
        return d;
    }

    async Task<string> CommitmentCaseAsync(CaseDriver d) =>
        (await Host.Instances.GetChildrenAsync(d.InstanceId)).Single(c => c.DefinitionId == "commitment-certification").CorrelationId!;

    [Fact]
    public async Task HardshipCommitment_IsVerifiedOnlyAfterTheAidIsGranted()
    {
        var d = await StartAsync(seed: NotaryProcessTests.SeedFor(sampled: true));
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });

        Assert.Empty((await d.Host.Instances.QueryAsync(new Justice.Workflows.Runtime.Stores.InstanceQuery("commitment-verification", null, null, null, 1, 5))).Items);
        await d.CompleteAsync("decide", "给予法律援助", AidHead);

        await d.TaskAsync("verify");
        await d.TaskAsync("assignTask");
    }

    [Fact]
    public async Task RefusedAid_IsNeverVerified()
    {
        var d = await StartAsync(seed: NotaryProcessTests.SeedFor(sampled: true));
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });
        await d.CompleteAsync("decide", "不予法律援助", AidHead, new JsonObject { ["reason"] = "申请事项不属于法律援助范围" });

        Assert.Empty((await d.Host.Instances.QueryAsync(new Justice.Workflows.Runtime.Stores.InstanceQuery("commitment-verification", null, null, null, 1, 5))).Items);
    }

    [Fact]
    public async Task FalseFinding_IsNotifiedWithAPeriodToStateTheCase_BeforeAnythingIsTerminatedOrRecorded()
    {
        var d = await FoundFalseAfterTheGrantAsync();

        Assert.Equal("open", (await d.CaseAsync()).Status);
        Assert.Empty(await d.Cases.GetCreditRecordsAsync(ApplicantId));
        var commitment = await CommitmentCaseAsync(d);
        var notice = Assert.Single(await d.DocumentsAsync(commitment), x => x.Title == "核查结果告知书");
        Assert.Contains("申请人名下有两处房产及营运车辆", notice.Html);
        Assert.Contains("陈述和申辩", notice.Html);
        Assert.Contains("<div class=\"issuer\">衡阳市法律援助中心</div>", notice.Html);
        await d.TaskAsync("statement");
        Assert.Contains(await d.Cases.GetPeriodsAsync(commitment), p => p.Code == "CMT-04" && p.Status == PeriodStatus.Running);
    }

    [Fact]
    public async Task FalseHardshipCommitment_ConfirmedByTheHead_TerminatesTheAidInWriting_AndRecordsDishonesty()
    {
        var d = await FoundFalseAfterTheGrantAsync();
        await d.CompleteAsync("statement", "已陈述申辩", Verifier, new JsonObject { ["statement"] = "房产系父母所有，本人仅挂名" });

        await d.CompleteAsync("headFinding", "认定承诺不实", AidHead, new JsonObject { ["reasoning"] = "经核实，房产登记在申请人名下且申请人实际居住使用，陈述申辩理由不成立" });

        var record = await d.CaseAsync();
        Assert.Equal(("closed", "终止法律援助"), (record.Status, record.Outcome));
        var termination = Assert.Single(await d.DocumentsAsync(), x => x.Title == "终止法律援助决定书");
        Assert.Contains("第四十八条", termination.Html);
        Assert.Contains("衡阳市司法局提出异议", termination.Html);
        Assert.Contains("行政复议", termination.Html);
        var decision = Assert.Single(await d.DocumentsAsync(await CommitmentCaseAsync(d)), x => x.Title == "虚假承诺认定决定书");
        Assert.Contains("房产系父母所有，本人仅挂名", decision.Html);
        Assert.Contains("行政诉讼", decision.Html);
        Assert.Single(await d.Cases.GetCreditRecordsAsync(ApplicantId));
        Assert.Contains(await d.Cases.GetNotificationsAsync(Provider.Email!), n => n.Title == "终止法律援助");
    }

    [Fact]
    public async Task ConfirmedTermination_EndsTheProvidersHandlingTask_AndTheAidProcess()
    {
        var d = await FoundFalseAfterTheGrantAsync();
        var handling = await d.TaskAsync("handling");
        await d.CompleteAsync("statement", "放弃陈述申辩", Verifier);

        await d.CompleteAsync("headFinding", "认定承诺不实", AidHead, new JsonObject { ["reasoning"] = "房产登记在申请人名下" });

        Assert.Equal(Justice.Workflows.Runtime.State.HumanTaskRecord.Cancelled, (await Host.TaskStore.FindTaskAsync(handling.Id))!.Status);
        Assert.Equal(("Finished", "Cancelled"), ((await d.InstanceAsync()).Status, (await d.InstanceAsync()).SubStatus));
        var record = await d.CaseAsync();
        Assert.Equal(("closed", "已终止", "终止法律援助"), (record.Status, record.Stage, record.Outcome));
        Assert.DoesNotContain(await d.Cases.GetPeriodsAsync(d.CaseId), p => p.Status == PeriodStatus.Running);
    }

    [Fact]
    public async Task RefusedAfterASampledCommitment_ClosesTheCommitmentCase_ThatWasWaitingForTheDecision()
    {
        var d = await StartAsync(seed: NotaryProcessTests.SeedFor(sampled: true));
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });
        Assert.Equal(("open", "待核查"), ((await d.CaseAsync(await CommitmentCaseAsync(d))).Status, (await d.CaseAsync(await CommitmentCaseAsync(d))).Stage));

        await d.CompleteAsync("decide", "不予法律援助", AidHead, new JsonObject { ["reason"] = "申请事项不属于法律援助范围" });
        await d.CompleteAsync("objectionWindow", "未提出异议", Officer);

        var commitment = await d.CaseAsync(await CommitmentCaseAsync(d));
        Assert.Equal(("closed", "终结", "主案件未作决定，不予核查"), (commitment.Status, commitment.Stage, commitment.Outcome));
        Assert.Contains(await d.Cases.GetEntriesAsync(commitment.Id), e => e.Title.Contains("不予法律援助"));
    }

    [Fact]
    public async Task GrantedAndClosed_LeavesTheCommitmentCaseToItsVerification()
    {
        var d = await StartAsync(seed: NotaryProcessTests.SeedFor(sampled: true));
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });
        await GrantAndAssignAsync(d);
        await d.CompleteAsync("handling", "事项已办结", Provider);

        await d.CompleteAsync("closingReport", "已提交结案报告", Provider, new JsonObject { ["report"] = "经调解结案。" });

        Assert.Equal("open", (await d.CaseAsync(await CommitmentCaseAsync(d))).Status);
        await d.CompleteAsync("verify", "属实", Verifier, new JsonObject { ["method"] = "网络核验", ["findings"] = "无异常" });
        Assert.Equal("核查属实", (await d.CaseAsync(await CommitmentCaseAsync(d))).Outcome);
    }

    [Fact]
    public async Task FalseFinding_RejectedByTheHead_LeavesTheAidAndTheCreditRecordAlone()
    {
        var d = await FoundFalseAfterTheGrantAsync();
        await d.AdvanceAsync(TimeSpan.FromDays(10)); // the statement period runs out without a statement
        await d.CompleteAsync("headFinding", "不予认定", AidHead, new JsonObject { ["reasoning"] = "房产系继承所得且尚未分割，不足以认定承诺不实" });

        Assert.Equal("open", (await d.CaseAsync()).Status);
        Assert.Empty(await d.Cases.GetCreditRecordsAsync(ApplicantId));
        var commitment = await d.CaseAsync(await CommitmentCaseAsync(d));
        Assert.Equal(("closed", "不予认定承诺不实"), (commitment.Status, commitment.Outcome));
        await d.TaskAsync("handling");
    }

    [Fact]
    public async Task FalseCommitmentFoundBeforeTheDecision_EndsTheRoute_AndOrdersCorrectionWithinTheCmt02Period()
    {
        var d = await StartAsync(seed: NotaryProcessTests.SeedFor(sampled: true));
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });

        await d.CompleteAsync("decide", "承诺不实", AidHead, new JsonObject { ["reason"] = "申请人名下登记有营运车辆，与承诺不符" });

        var commitmentId = await CommitmentCaseAsync(d);
        var order = Assert.Single(await d.DocumentsAsync(commitmentId), x => x.Title == "责令限期改正通知书");
        Assert.Contains("申请人名下登记有营运车辆", order.Html);
        Assert.Contains("<div class=\"issuer\">衡阳市法律援助中心</div>", order.Html);
        Assert.Equal(new DateOnly(2026, 12, 11), (await d.Cases.GetPeriodsAsync(commitmentId)).Last(p => p.Code == "CMT-02").DueOn);
        Assert.Empty(await d.Cases.GetCreditRecordsAsync(ApplicantId));

        await d.CompleteAsync("correction", "已提交证明材料", Officer);
        var commitment = await d.CaseAsync(commitmentId);
        Assert.Equal(("closed", "决定前发现承诺不实"), (commitment.Status, commitment.Outcome));
        await d.CompleteAsync("decide", "给予法律援助", AidHead);
        Assert.Empty((await d.Host.Instances.QueryAsync(new Justice.Workflows.Runtime.Stores.InstanceQuery("commitment-verification", null, null, null, 1, 5))).Items);
    }

    [Fact]
    public async Task CorrectionPeriodRunsOut_GoesBackToTheHeadForTheDecision()
    {
        var d = await StartAsync(seed: NotaryProcessTests.SeedFor(sampled: false));
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });
        await d.CompleteAsync("decide", "承诺不实", AidHead, new JsonObject { ["reason"] = "收入情况与承诺不符" });

        await d.AdvanceAsync(TimeSpan.FromDays(16));

        var decide = await d.TaskAsync("decide");
        Assert.False(decide.IsOverdue); // the time given for correction is not counted in the seven days
        Assert.Equal(new DateOnly(2026, 12, 21), (await d.PeriodAsync("LA-02")).DueOn); // 7 days from 12-12: Saturday 12-19 → Monday
    }

    [Fact]
    public async Task ClosingReport_IsDueThirtyDaysAfterTheMatterEnds()
    {
        var d = await StartAsync(exempt: true);
        await GrantAndAssignAsync(d);
        await d.CompleteAsync("handling", "事项已办结", Provider);

        Assert.Equal(new DateOnly(2026, 12, 28), (await d.PeriodAsync("LA-08")).DueOn); // 30 days: Saturday 12-26 → Monday
        var done = await d.CompleteAsync("closingReport", "已提交结案报告", Provider, new JsonObject { ["report"] = "经调解结案。" });
        Assert.Equal("Finished", done.SubStatus);
        Assert.Equal(PeriodStatus.Met, (await d.PeriodAsync("LA-08")).Status);
    }

    [Fact]
    public async Task RefusalDecision_StatesTheObjection_AndTheBureausDecisionStatesReconsiderationAndLitigation()
    {
        var d = await StartAsync(exempt: true);
        await d.CompleteAsync("decide", "不予法律援助", AidHead, new JsonObject { ["reason"] = "申请事项不属于法律援助范围" });
        Assert.Contains("行政复议", (await d.DocumentsAsync()).Single().Html);
        await d.CompleteAsync("objectionWindow", "提出异议", Officer);

        await d.CompleteAsync("objection", "维持", Supervisor, new JsonObject { ["reasoning"] = "原决定正确" });

        var decision = Assert.Single(await d.DocumentsAsync(), x => x.Title == "法律援助异议审查决定书");
        Assert.Contains("原决定正确", decision.Html);
        Assert.Contains("维持", decision.Html);
        Assert.Contains("行政复议", decision.Html);
        Assert.Contains("行政诉讼", decision.Html);
    }

    [Fact]
    public async Task BarredApplicant_IsRefusedTheRoute_UntilCreditRepair()
    {
        await PublishAllAsync(Host);
        var first = await StartAsync(seed: NotaryProcessTests.SeedFor(sampled: true));
        await first.CompleteAsync("choice", "选择承诺", Officer);
        await first.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });
        await GrantAndAssignAsync(first);
        await first.CompleteAsync("verify", "虚假", Verifier, new JsonObject { ["method"] = "书面核查", ["findings"] = "收入证明不实" });
        await first.CompleteAsync("statement", "放弃陈述申辩", Verifier);
        await first.CompleteAsync("headFinding", "认定承诺不实", AidHead, new JsonObject { ["reasoning"] = "收入证明不实" });

        var barred = await StartAsync();
        await barred.TaskAsync("proof");
        var commitment = Assert.Single(await Host.Instances.GetChildrenAsync(barred.InstanceId));
        Assert.Equal("不适用告知承诺", (await barred.CaseAsync(commitment.CorrelationId)).Outcome);

        var repair = await CaseDriver.StartAsync(Host, "credit-repair", new JsonObject { ["SubjectId"] = ApplicantId, ["SubjectName"] = "刘晓梅" });
        await repair.CompleteAsync("review", "准予修复", CreditOfficer, new JsonObject { ["note"] = "已退还援助费用并作出信用承诺" });
        Assert.False((await barred.Cases.GetCreditRecordsAsync(ApplicantId)).Single().InForce(new DateOnly(2026, 11, 26)));

        var after = await StartAsync();
        await after.TaskAsync("choice");
    }
}
