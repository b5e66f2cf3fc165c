using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Casework.Processes.CaseDriver;

namespace Justice.Workflows.Tests.Casework.Processes;

public sealed class NotaryProcessTests : EngineTest
{
    /// <summary>A seed whose draw at the rule set's 20 % is (or is not) sampled, found the way an auditor would re-run it.</summary>
    public static int SeedFor(bool sampled) =>
        Enumerable.Range(1, 1000).First(seed => VerificationSampler.Run(seed, 0.2, [Verifier.Email!]).Sampled == sampled);

    async Task<CaseDriver> StartAsync(bool commitment = true, int? seed = null, string idNumber = ApplicantId, string matter = "学历公证")
    {
        await PublishAllAsync(Host);
        PlanSampling(Host, seed);
        return await CaseDriver.StartAsync(Host, "notary-application", new JsonObject
        {
            ["Applicant"] = Applicant(idNumber), ["Matter"] = matter, ["Purpose"] = "出国留学", ["Notary"] = Notary.Email, ["NotaryName"] = "陈公证员",
            ["CommitmentRoute"] = commitment, ["Verifiers"] = new JsonArray(Verifier.Email), ["FiledOn"] = Host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd"),
        });
    }

    static JsonObject Statement => new() { ["statement"] = "兹证明刘晓梅于二〇二〇年六月毕业于湖南示范大学法学专业，获得法学学士学位。" };

    async Task CommitAsync(CaseDriver d)
    {
        await d.CompleteAsync("choice", "选择承诺", Notary);
        await d.CompleteAsync("signTask", "已签署", Notary, new JsonObject { ["signMethod"] = "手写签名" });
    }

    async Task IssueAsync(CaseDriver d)
    {
        await d.CompleteAsync("review", "无需核实", Notary, Statement);
        await d.CompleteAsync("approval", "批准", NotaryHead);
        await d.ServeAsync("deliver");
    }

    [Fact]
    public async Task CommitmentRoute_NoticeAndCommitmentCarryTheNotaryOfficesLetterhead_AndNameNotaryLawArticle44()
    {
        var d = await StartAsync(seed: SeedFor(sampled: false));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);

        var commitment = Assert.Single(await d.Host.Instances.GetChildrenAsync(d.InstanceId)).CorrelationId!;
        var documents = await d.DocumentsAsync(commitment);
        var notice = documents.Single(x => x.Title == "证明事项告知承诺书（告知书）");
        Assert.All(documents, x => Assert.Contains("<div class=\"issuer\">衡阳市示范公证处</div>", x.Html));
        Assert.Contains("依照《中华人民共和国公证法》第四十四条的规定承担", notice.Html);
    }

    [Fact]
    public async Task MainPath_WithCommitmentRoute_IssuesNumberedCertificateWithItsFiveContents()
    {
        var d = await StartAsync(seed: SeedFor(sampled: false));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);
        await IssueAsync(d);
        var done = await d.CompleteAsync("reviewWindow", "无复查申请", Notary);

        Assert.Equal("Finished", done.SubStatus);
        var record = await d.CaseAsync();
        Assert.Equal(("（2026）湘衡示证受字第0001号", "closed", "出证", "归档"), (record.Number, record.Status, record.Outcome, record.Stage));
        var certificate = (await d.DocumentsAsync()).Single(x => x.Title == "公证书");
        Assert.Equal("（2026）湘衡示证字第0001号", certificate.Number);
        Assert.Contains("（2026）湘衡示证字第0001号", certificate.Html);               // 1. number
        Assert.Contains("申请人：刘晓梅", certificate.Html);                           // 2. parties
        Assert.Contains("兹证明刘晓梅", certificate.Html);                             // 3. statement
        Assert.Contains("公证员　陈公证员", certificate.Html);                          // 4. notary and seal
        Assert.Contains("二〇二六年十一月二十六日", certificate.Html);                  // 5. date of issue
        Assert.Contains("<svg", certificate.Html);                                     // QR code to verify
        Assert.Equal(PeriodStatus.Met, (await d.PeriodAsync("NOT-01")).Status);
        Assert.Equal("（2026）湘衡示证字第0001号", (await d.FieldsAsync())["certificateNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubProcess_HandsItsResultBackToTheParent_AfterTheHostRestarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        string instanceId, caseId;
        await using (var first = await WorkflowTestHost.CreateAsync(folder: folder))
        {
            await PublishAllAsync(first);
            var d = await CaseDriver.StartAsync(first, "notary-application", new JsonObject
            {
                ["Applicant"] = Applicant(), ["Matter"] = "学历公证", ["Notary"] = Notary.Email, ["CommitmentRoute"] = true, ["Verifiers"] = new JsonArray(Verifier.Email),
            });
            await d.CompleteAsync("intake", "受理", Notary);
            await d.CompleteAsync("choice", "选择承诺", Notary);
            (instanceId, caseId) = (d.InstanceId, d.CaseId);
        }

        await using var second = await WorkflowTestHost.CreateAsync(folder: folder);
        var again = new CaseDriver(second, instanceId, caseId);
        await again.CompleteAsync("signTask", "已签署", Notary, new JsonObject { ["signMethod"] = "电子签名" });

        var review = await again.TaskAsync("review");
        Assert.Equal(instanceId, review.InstanceId);
        var state = JsonNode.Parse((await again.InstanceAsync()).StateJson)!;
        Assert.Equal("commitment", state["variables"]!["Commitment"]!["Route"]!.GetValue<string>());
    }

    [Fact]
    public async Task NotAcceptedAtIntake_ForJurisdictionOnly_IssuesNonAcceptanceNotice_NamingTheCompetentOffice()
    {
        var d = await StartAsync(commitment: false);

        await d.CompleteAsync("intake", "不予受理", Notary, new JsonObject
        {
            ["ground"] = "申请公证的事项不属于本处执业区域", ["competentOffice"] = "长沙市示范公证处", ["reason"] = "申请人户籍地和毕业学校均在长沙市",
        });

        var record = await d.CaseAsync();
        Assert.Equal(("closed", "不予受理", "不予受理"), (record.Status, record.Stage, record.Outcome));
        var notice = Assert.Single(await d.DocumentsAsync());
        Assert.Equal(("不予受理通知书", "（2026）湘衡示证不受字第0001号"), (notice.Title, notice.Number));
        Assert.Contains("经审查，申请公证的事项不属于本处执业区域（申请人户籍地和毕业学校均在长沙市），不符合受理条件", notice.Html);
        Assert.Contains("根据《公证程序规则》第十九条、第二十一条的规定，本处决定不予受理", notice.Html);
        Assert.Contains("你可以向长沙市示范公证处申请办理", notice.Html);
        Assert.DoesNotContain("不予办理", notice.Html);
    }

    [Fact]
    public async Task NotAcceptedAtIntake_ForNoInterest_NamesNoOtherOffice()
    {
        var d = await StartAsync(commitment: false);

        await d.CompleteAsync("intake", "不予受理", Notary, new JsonObject
        {
            ["ground"] = "申请人与申请公证的事项没有利害关系", ["competentOffice"] = "长沙市示范公证处",
        });

        var notice = Assert.Single(await d.DocumentsAsync());
        Assert.Contains("经审查，申请人与申请公证的事项没有利害关系，不符合受理条件", notice.Html);
        Assert.DoesNotContain("长沙市示范公证处", notice.Html);
    }

    [Fact]
    public async Task RefusedAfterAcceptance_IssuesRefusalNotice()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);

        await d.CompleteAsync("review", "不予办理", Notary, new JsonObject { ["reason"] = "申请公证的事项属于专业技术鉴定" });

        var record = await d.CaseAsync();
        Assert.Equal(("closed", "不予办理", "不予办理"), (record.Status, record.Stage, record.Outcome));
        var notice = Assert.Single(await d.DocumentsAsync());
        Assert.Equal(("不予办理公证通知书", "（2026）湘衡示证不字第0001号"), (notice.Title, notice.Number));
        Assert.Contains("申请公证的事项属于专业技术鉴定", notice.Html);
        Assert.Contains("本处决定不予办理", notice.Html);
    }

    [Fact]
    public async Task RefusalForTheOfficesFault_RefundsTheWholeFee_AndSaysWhy()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);

        await d.CompleteAsync("review", "不予办理", Notary, new JsonObject { ["reason"] = "申请公证的事项属于专业技术鉴定，本处受理时未予审查", ["fault"] = "office" });

        var notice = Assert.Single(await d.DocumentsAsync());
        Assert.Contains("不予办理系因本处的原因所致，已收取的公证费人民币200元全额退还。", notice.Html);
    }

    [Fact]
    public async Task TerminationForBothSidesFault_RefundsTheRuleSetsShare()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);

        await d.CompleteAsync("review", "终止公证", Notary, new JsonObject { ["reason"] = "申请人的学籍档案在本处核实期间遗失，公证事项无法继续办理", ["fault"] = "both" });

        var notice = Assert.Single(await d.DocumentsAsync());
        Assert.Contains("终止公证系因申请人和本处双方的原因所致，已收取的公证费人民币200元退还其中的人民币100元。", notice.Html);
    }

    [Fact]
    public async Task FeeScaledByValue_NotRecorded_TheNoticeStatesTheShare_NeverThatNoFeeWasCollected()
    {
        var d = await StartAsync(commitment: false, matter: "继承公证");
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);

        await d.CompleteAsync("review", "不予办理", Notary, new JsonObject { ["reason"] = "继承人之间对遗产分割有争议", ["fault"] = "both" });

        var notice = Assert.Single(await d.DocumentsAsync());
        Assert.Contains("不予办理系因申请人和本处双方的原因所致，已收取的公证费按50%的比例退还。", notice.Html);
        Assert.DoesNotContain("未收取公证费", notice.Html);
    }

    [Fact]
    public async Task FeeRecordedAtAcceptance_IsTheOneRefunded()
    {
        var d = await StartAsync(commitment: false, matter: "继承公证");
        await d.CompleteAsync("intake", "受理", Notary, new JsonObject { ["feePaid"] = "3600" });
        await d.CompleteAsync("materials", "材料齐全", Notary);

        await d.CompleteAsync("review", "终止公证", Notary, new JsonObject { ["reason"] = "被继承人的死亡证明在核实期间被撤销", ["fault"] = "both" });

        var notice = Assert.Single(await d.DocumentsAsync());
        Assert.Contains("终止公证系因申请人和本处双方的原因所致，已收取的公证费人民币3,600元退还其中的人民币1,800元。", notice.Html);
    }

    [Fact]
    public async Task Verification_IsNotCountedInTheFifteenWorkingDays()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);
        var before = await d.PeriodAsync("NOT-01");
        Assert.Equal(new DateOnly(2026, 12, 17), before.DueOn); // 15 working days from Thursday 2026-11-26

        await d.CompleteAsync("review", "需要核实", Notary);
        Assert.Equal(PeriodStatus.Paused, (await d.PeriodAsync("NOT-01")).Status);
        await d.AdvanceAsync(TimeSpan.FromDays(14)); // two weeks of verification
        await d.CompleteAsync("verifyTask", "核实无误", Notary, new JsonObject { ["findings"] = "经向学校核实，学历属实" });

        var after = await d.PeriodAsync("NOT-01");
        Assert.Equal(PeriodStatus.Running, after.Status);
        Assert.Equal(new DateOnly(2026, 12, 31), after.DueOn); // the 15 working days resumed: none were used, 15 from 2026-12-10
        await d.TaskAsync("approval");
    }

    [Fact]
    public async Task VerificationFindsFalseEvidence_RefusesToNotarize()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);
        await d.CompleteAsync("review", "需要核实", Notary);

        await d.CompleteAsync("verifyTask", "核实不符", Notary, new JsonObject { ["findings"] = "发证学校复函称该毕业证书系伪造" });

        Assert.Equal("不予办理", (await d.CaseAsync()).Outcome);
        Assert.Contains("该毕业证书系伪造", (await d.DocumentsAsync()).Single().Html);
    }

    [Fact]
    public async Task AskingForMaterials_SendsASupplementNotice_ListingWhatIsMissing_AndTheRuleSetsPeriod()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);

        await d.CompleteAsync("review", "需补充材料", Notary, new JsonObject { ["missing"] = "毕业证书原件\n 学位证书原件 \n\n" });

        Assert.Equal(PeriodStatus.Paused, (await d.PeriodAsync("NOT-01")).Status);
        var notice = (await d.DocumentsAsync()).Single();
        Assert.Equal(("补充材料通知书", "（2026）湘衡示证补字第0001号"), (notice.Title, notice.Number));
        Assert.Contains("<p class=\"flush\">刘晓梅：</p>", notice.Html);
        Assert.Contains("<ol class=\"items\"><li>毕业证书原件</li><li>学位证书原件</li></ol>", notice.Html);
        Assert.Contains("自收到本通知之日起6个月内", notice.Html);
        Assert.Contains("拒绝补充证明材料的，本处将根据《中华人民共和国公证法》第三十一条和《公证程序规则》第四十八条的规定不予办理", notice.Html);
        await d.TaskAsync("supplement");
    }

    [Fact]
    public async Task RefusingToSupplement_RefusesToNotarize()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);
        await d.CompleteAsync("review", "需补充材料", Notary, new JsonObject { ["missing"] = "毕业证书原件" });

        await d.CompleteAsync("supplement", "拒绝补充", Notary);

        var record = await d.CaseAsync();
        Assert.Equal(("closed", "不予办理"), (record.Status, record.Outcome));
        var refusal = (await d.DocumentsAsync()).Single(x => x.Title == "不予办理公证通知书");
        Assert.Contains("经审查，申请人拒绝按照本处的要求补充证明材料", refusal.Html);
        Assert.Contains("不予办理系因申请人的原因所致，已收取的公证费人民币200元不予退还。", refusal.Html);
    }

    [Fact]
    public async Task SixMonthsWithoutTheMissingMaterials_TerminatesTheNotarization()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);
        await d.CompleteAsync("review", "需补充材料", Notary);

        await d.AdvanceAsync(TimeSpan.FromDays(190));

        var record = await d.CaseAsync();
        Assert.Equal(("closed", "终止公证"), (record.Status, record.Outcome));
        var notice = (await d.DocumentsAsync()).Single(x => x.Title == "终止公证通知书");
        Assert.Contains("六个月内不能办结", notice.Html);
        Assert.Contains("终止公证系因申请人的原因所致，已收取的公证费人民币200元不予退还。", notice.Html);
    }

    [Fact]
    public async Task Review_ByADifferentNotary_RevokesTheCertificateWithPublicNotice()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);
        await IssueAsync(d);
        await d.CompleteAsync("reviewWindow", "申请复查", Notary);

        var review = await d.TaskAsync("reviewCase");
        Assert.False(await d.Tasks.MayActAsync(review, Notary));
        Assert.True(await d.Tasks.MayActAsync(review, OtherNotary));
        await d.CompleteAsync("reviewCase", "撤销", OtherNotary, new JsonObject { ["reviewer"] = "周公证员", ["findings"] = "申请人隐瞒了学籍已被注销的事实" });
        await d.CompleteAsync("headReview", "批准", NotaryHead);

        var record = await d.CaseAsync();
        Assert.Equal("已撤销", record.Stage);
        Assert.True((await d.FieldsAsync())["revoked"]!.GetValue<bool>());
        var decision = (await d.DocumentsAsync()).Single(x => x.Title == "撤销公证书决定书");
        Assert.Equal("（2026）湘衡示证撤字第0001号", decision.Number);
        Assert.Contains("撤销（2026）湘衡示证字第0001号公证书", decision.Html);
        Assert.Contains(await d.Cases.GetNotificationsAsync("applicant@demo.justice.local"), n => n.Title.Contains("公证书已撤销"));
    }

    async Task<CaseDriver> ReviewRequestedAsync()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);
        await IssueAsync(d);
        await d.CompleteAsync("reviewWindow", "申请复查", Notary);
        return d;
    }

    [Fact]
    public async Task Review_Corrects_WithADecisionNamingTheOriginalCertificate_AfterTheHeadApproves()
    {
        var d = await ReviewRequestedAsync();

        await d.CompleteAsync("reviewCase", "更正", OtherNotary, new JsonObject
        {
            ["reviewer"] = "周公证员", ["findings"] = "公证书证词中申请人的毕业时间记载有误", ["correction"] = "证词中“二〇二〇年六月”更正为“二〇二〇年七月”",
        });
        Assert.DoesNotContain(await d.DocumentsAsync(), x => x.Title == "更正公证书决定书"); // nothing before the head approves
        await d.CompleteAsync("headReview", "批准", NotaryHead);

        var decision = (await d.DocumentsAsync()).Single(x => x.Title == "更正公证书决定书");
        Assert.Equal("（2026）湘衡示证复字第0001号", decision.Number);
        Assert.Contains("对（2026）湘衡示证字第0001号公证书作如下更正：证词中“二〇二〇年六月”更正为“二〇二〇年七月”。", decision.Html);
        var fields = await d.FieldsAsync();
        Assert.Equal(("更正", true), (fields["reviewResult"]!.GetValue<string>(), fields["corrected"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Review_RevokesInPart_NamingTheRevokedPart_AndAnnouncesIt()
    {
        var d = await ReviewRequestedAsync();

        await d.CompleteAsync("reviewCase", "部分撤销", OtherNotary, new JsonObject
        {
            ["reviewer"] = "周公证员", ["findings"] = "学士学位已被授予单位撤销，学历部分属实", ["revokedPart"] = "证明申请人获得法学学士学位的部分",
        });
        await d.CompleteAsync("headReview", "批准", NotaryHead);

        var decision = (await d.DocumentsAsync()).Single(x => x.Title == "部分撤销公证书决定书");
        Assert.Contains("撤销（2026）湘衡示证字第0001号公证书中证明申请人获得法学学士学位的部分。被撤销的部分自始无效，该公证书的其余部分继续有效。", decision.Html);
        var fields = await d.FieldsAsync();
        Assert.True(fields["partiallyRevoked"]!.GetValue<bool>());
        Assert.Null(fields["revoked"]);
        Assert.Contains(await d.Cases.GetNotificationsAsync("applicant@demo.justice.local"), n => n.Title.Contains("公证书已部分撤销"));
    }

    [Fact]
    public async Task Review_HeadRejectsTheProposedRevocation_TheReviewerConcludesAgain_AndMaintains()
    {
        var d = await ReviewRequestedAsync();
        await d.CompleteAsync("reviewCase", "撤销", OtherNotary, new JsonObject { ["reviewer"] = "周公证员", ["findings"] = "申请人隐瞒了学籍已被注销的事实" });

        await d.CompleteAsync("headReview", "不予批准", NotaryHead);
        await d.CompleteAsync("reviewCase", "维持", OtherNotary, new JsonObject { ["reviewer"] = "周公证员", ["findings"] = "经再次核实，学籍注销系登记错误，公证书所证明的学历属实" });
        var done = await d.CompleteAsync("headReview", "批准", NotaryHead);

        Assert.Equal("Finished", done.SubStatus);
        var documents = await d.DocumentsAsync();
        Assert.DoesNotContain(documents, x => x.Title == "撤销公证书决定书");
        Assert.Contains("维持（2026）湘衡示证字第0001号公证书。", documents.Single(x => x.Title == "复查决定书").Html);
        Assert.Equal("维持", (await d.FieldsAsync())["reviewResult"]!.GetValue<string>());
    }

    [Fact]
    public async Task Review_TheIssuingNotary_CannotClaimIt_NorBeHandedIt_AndOnlyTheNotaryHeadReassigns()
    {
        var d = await StartAsync(commitment: false);
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("materials", "材料齐全", Notary);
        await IssueAsync(d);
        await d.CompleteAsync("reviewWindow", "申请复查", Notary);
        var review = await d.TaskAsync("reviewCase");

        Assert.IsType<TaskCompletion.Forbidden>(await d.Tasks.ClaimAsync(review.Id, Notary));
        var refused = Assert.IsType<TaskCompletion.Invalid>(await d.Tasks.ReassignAsync(review.Id, NotaryHead, Notary.Email!));
        Assert.Contains("回避", refused.Message);
        Assert.IsType<TaskCompletion.Forbidden>(await d.Tasks.ReassignAsync(review.Id, AidHead, OtherNotary.Email!));
        Assert.IsType<TaskCompletion.Forbidden>(await d.Tasks.ReassignAsync(review.Id, new TaskUser("director@arb.test", ["director"]), OtherNotary.Email!));
        Assert.IsType<TaskCompletion.Changed>(await d.Tasks.ReassignAsync(review.Id, NotaryHead, OtherNotary.Email!));
        var handed = (await d.Host.TaskStore.FindTaskAsync(review.Id))!;
        Assert.Equal(OtherNotary.Email, handed.Assignee);
        Assert.IsType<TaskCompletion.Forbidden>(await d.Tasks.CompleteAsync(review.Id, Notary, "维持", null, null));
        Assert.IsType<TaskCompletion.Completed>(await d.Tasks.CompleteAsync(review.Id, OtherNotary, "撤销", null,
            new JsonObject { ["reviewer"] = "周公证员", ["findings"] = "申请人隐瞒了学籍已被注销的事实" }));
    }

    [Fact]
    public async Task FalseCommitmentFoundBySampling_HeardAndConfirmedByTheHead_RevokesTheCertificate_RecordsDishonesty_AndBarsTheRoute()
    {
        var d = await StartAsync(seed: SeedFor(sampled: true));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);
        await IssueAsync(d);

        await d.CompleteAsync("verify", "虚假", Verifier, new JsonObject { ["method"] = "网络核验", ["findings"] = "学信网无该学历记录" });
        Assert.Equal("出证", (await d.CaseAsync()).Stage); // nothing is revoked before the applicant is heard and the head decides
        Assert.Empty(await d.Cases.GetCreditRecordsAsync(ApplicantId));
        await d.CompleteAsync("statement", "已陈述申辩", Verifier, new JsonObject { ["statement"] = "学籍档案在转学时遗失" });
        await d.CompleteAsync("headFinding", "认定承诺不实", NotaryHead, new JsonObject { ["reasoning"] = "学信网及原学校均无该学历记录，陈述申辩理由不成立" });

        Assert.Equal("已撤销", (await d.CaseAsync()).Stage);
        Assert.Contains("经证明事项告知承诺事后核查发现申请人的承诺不实", (await d.DocumentsAsync()).Single(x => x.Title == "撤销公证书决定书").Html);
        var credit = Assert.Single(await d.Cases.GetCreditRecordsAsync(ApplicantId));
        Assert.True(credit.InForce(new DateOnly(2026, 11, 26)));
        Assert.Equal(new DateOnly(2031, 11, 26), credit.ValidUntil);

        var next = await CaseDriver.StartAsync(Host, "notary-application", new JsonObject
        {
            ["Applicant"] = Applicant(), ["Matter"] = "无犯罪记录公证", ["Notary"] = Notary.Email, ["CommitmentRoute"] = true, ["Verifiers"] = new JsonArray(Verifier.Email),
        });
        await next.CompleteAsync("intake", "受理", Notary);
        Assert.True((await next.FieldsAsync())["strictReview"]!.GetValue<bool>());
        await next.TaskAsync("materials"); // the route was refused: the applicant must bring the certificates
    }

    [Fact]
    public async Task WithdrawnAfterASampledCommitment_ClosesTheCommitmentCase_ThatWasWaitingForTheCertificate()
    {
        var d = await StartAsync(seed: SeedFor(sampled: true));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);
        await d.CompleteAsync("review", "需补充材料", Notary);

        await d.CompleteAsync("supplement", "当事人撤回", Notary);

        Assert.Equal("终止公证", (await d.CaseAsync()).Outcome);
        var commitment = await d.CaseAsync(Assert.Single(await Host.Instances.GetChildrenAsync(d.InstanceId)).CorrelationId);
        Assert.Equal(("closed", "终结", "主案件未作决定，不予核查"), (commitment.Status, commitment.Stage, commitment.Outcome));
        Assert.Empty((await Host.Instances.QueryAsync(new Justice.Workflows.Runtime.Stores.InstanceQuery("commitment-verification", null, null, null, 1, 5))).Items);
    }

    [Fact]
    public async Task FalseCommitmentFoundBeforeIssue_EndsTheRoute_OrdersCorrection_AndTheOrdinaryRouteContinues()
    {
        var d = await StartAsync(seed: SeedFor(sampled: true));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);

        await d.CompleteAsync("review", "承诺不实", Notary, new JsonObject { ["reason"] = "经数据共享核验，学信网无申请人承诺的学历记录" });

        var commitmentId = Assert.Single(await d.Host.Instances.GetChildrenAsync(d.InstanceId)).CorrelationId!;
        var order = Assert.Single(await d.DocumentsAsync(commitmentId), x => x.Title == "责令限期改正通知书");
        Assert.Contains("学信网无申请人承诺的学历记录。你的承诺与实际情况不符，本处不再依据你的承诺办理。", order.Html);
        Assert.Contains("<div class=\"issuer\">衡阳市示范公证处</div>", order.Html);
        Assert.Equal(new DateOnly(2026, 12, 11), (await d.Cases.GetPeriodsAsync(commitmentId)).Last(p => p.Code == "CMT-02").DueOn);
        Assert.Equal(PeriodStatus.Paused, (await d.PeriodAsync("NOT-01")).Status); // the time to correct is not counted in the 15 working days
        Assert.Empty(await d.Cases.GetCreditRecordsAsync(ApplicantId));

        await d.CompleteAsync("correction", "已提交证明材料", Notary);

        var commitment = await d.CaseAsync(commitmentId);
        Assert.Equal(("closed", "决定前发现承诺不实"), (commitment.Status, commitment.Outcome));
        Assert.Equal(PeriodStatus.Running, (await d.PeriodAsync("NOT-01")).Status);
        await IssueAsync(d);
        Assert.Single(await d.DocumentsAsync(), x => x.Title == "公证书");
        Assert.Empty((await d.Host.Instances.QueryAsync(new Justice.Workflows.Runtime.Stores.InstanceQuery("commitment-verification", null, null, null, 1, 5))).Items);
    }

    [Fact]
    public async Task CorrectionPeriodRunsOut_GoesBackToReviewOnTheExistingMaterials()
    {
        var d = await StartAsync(seed: SeedFor(sampled: false));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);
        await d.CompleteAsync("review", "承诺不实", Notary, new JsonObject { ["reason"] = "学历信息与承诺不符" });

        await d.AdvanceAsync(TimeSpan.FromDays(16));

        var commitmentId = Assert.Single(await d.Host.Instances.GetChildrenAsync(d.InstanceId)).CorrelationId!;
        Assert.Equal("closed", (await d.CaseAsync(commitmentId)).Status);
        await d.TaskAsync("review");
        await d.CompleteAsync("review", "不予办理", Notary, new JsonObject { ["reason"] = "申请人未在改正期限内提交证明材料，证据不足" });
        Assert.Equal("不予办理", (await d.CaseAsync()).Outcome);
    }

    [Fact]
    public async Task SampledCommitment_IsVerifiedOnlyAfterTheCertificateIsIssued()
    {
        var d = await StartAsync(seed: SeedFor(sampled: true));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);
        await d.CompleteAsync("review", "无需核实", Notary, Statement);

        Assert.Empty((await Host.Instances.QueryAsync(new Justice.Workflows.Runtime.Stores.InstanceQuery("commitment-verification", null, null, null, 1, 5))).Items);
        await d.CompleteAsync("approval", "批准", NotaryHead);

        var verify = await d.TaskAsync("verify");
        Assert.Equal(Verifier.Email, verify.Assignee);
        await d.TaskAsync("deliver");
    }

    [Fact]
    public async Task FalseFinding_RejectedByTheHead_KeepsTheCertificate()
    {
        var d = await StartAsync(seed: SeedFor(sampled: true));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);
        await IssueAsync(d);
        await d.CompleteAsync("verify", "虚假", Verifier, new JsonObject { ["method"] = "书面核查", ["findings"] = "原学校复函称查无此人" });
        await d.CompleteAsync("statement", "已陈述申辩", Verifier, new JsonObject { ["statement"] = "本人曾用名王晓梅，已提交更名证明" });

        await d.CompleteAsync("headFinding", "不予认定", NotaryHead, new JsonObject { ["reasoning"] = "申请人提交的更名证明属实，以曾用名查询有该学历记录" });

        Assert.Equal("出证", (await d.CaseAsync()).Stage);
        Assert.DoesNotContain(await d.DocumentsAsync(), x => x.Title == "撤销公证书决定书");
        Assert.Empty(await d.Cases.GetCreditRecordsAsync(ApplicantId));
        var commitment = (await Host.Instances.GetChildrenAsync(d.InstanceId)).Single(c => c.DefinitionId == "commitment-certification").CorrelationId!;
        var decision = Assert.Single(await d.DocumentsAsync(commitment), x => x.Title == "虚假承诺认定决定书");
        Assert.Contains("不予认定", decision.Html);
        await d.TaskAsync("reviewWindow");
    }

    static readonly CaseViewer Party = new("applicant@demo.justice.local", ["applicant"]);
    static readonly CaseViewer Staff = new(Supervisor.Email, ["supervisor"]);

    CaseQueries Queries => Host.Services.GetRequiredService<CaseQueries>();

    /// <summary>The staff-only record of the draw on the commitment case.</summary>
    async Task<JsonObject> SamplingRecordAsync(string commitmentCase)
    {
        var entry = Assert.Single((await Queries.GetAsync(Staff, commitmentCase))!.Timeline, e => e.Kind == "sampling");
        return (JsonObject)JsonNode.Parse(entry.DataJson)!;
    }

    [Fact]
    public async Task Sampling_IsReproducibleFromTheSeedInItsStaffOnlyRecord()
    {
        var d = await StartAsync(seed: null);
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);

        var commitmentCase = Assert.Single(await d.Host.Instances.GetChildrenAsync(d.InstanceId)).CorrelationId!;
        var sampling = await SamplingRecordAsync(commitmentCase);
        var pool = sampling["pool"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        var again = VerificationSampler.Run(sampling["seed"]!.GetValue<int>(), sampling["rate"]!.GetValue<double>(), pool);
        Assert.Equal(new[] { Verifier.Email! }, pool);
        Assert.Equal(sampling["sampled"]!.GetValue<bool>(), again.Sampled);
        Assert.Equal(sampling["verifier"]?.GetValue<string>(), again.Verifier);
        Assert.Equal(sampling["value"]!.GetValue<double>(), again.Value);
    }

    [Fact]
    public async Task Sampling_LeavesNoSeedOrDrawWhereThePartyReads()
    {
        // A seed long enough not to turn up by chance in a number or a date of the file.
        var d = await StartAsync(seed: Enumerable.Range(700_000_000, 1000).First(seed => VerificationSampler.Run(seed, 0.2, [Verifier.Email!]).Sampled));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);

        var child = Assert.Single(await d.Host.Instances.GetChildrenAsync(d.InstanceId));
        var seed = (await SamplingRecordAsync(child.CorrelationId!))["seed"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var file = (await Queries.GetAsync(Party, child.CorrelationId!))!;
        var readable = System.Text.Json.JsonSerializer.Serialize(new { file.Case.FieldsJson, file.Timeline, file.Members, file.Documents });
        Assert.DoesNotContain(file.Timeline, e => e.Kind == "sampling");
        Assert.DoesNotContain("sampling", readable);
        Assert.DoesNotContain("种子", readable);
        Assert.DoesNotContain(seed, readable);
        Assert.DoesNotContain(Verifier.Email!, readable);
        Assert.DoesNotContain("Seed", child.InputJson);
    }

    [Fact]
    public async Task Sampling_DrawsItsOwnSeedAtDecisionTime_NotOneGivenWithTheInput()
    {
        var planted = SeedFor(sampled: true);
        var drawn = SeedFor(sampled: false);
        await PublishAllAsync(Host);
        PlanSampling(Host, drawn);
        var d = await CaseDriver.StartAsync(Host, "notary-application", new JsonObject
        {
            ["Applicant"] = Applicant(), ["Matter"] = "学历公证", ["Notary"] = Notary.Email, ["CommitmentRoute"] = true, ["Verifiers"] = new JsonArray(Verifier.Email),
            ["Seed"] = planted,
        });
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);

        var child = Assert.Single(await d.Host.Instances.GetChildrenAsync(d.InstanceId));
        var record = await SamplingRecordAsync(child.CorrelationId!);
        Assert.Equal(drawn, record["seed"]!.GetValue<int>());
        Assert.False(record["sampled"]!.GetValue<bool>());
        Assert.Empty(await Host.Instances.GetChildrenAsync(child.Id));
    }

    [Fact]
    public async Task SampledCase_GivesTheVerifierARelation_SoTheyCanOpenTheCaseAndItsInstances()
    {
        var d = await StartAsync(seed: SeedFor(sampled: true));
        await d.CompleteAsync("intake", "受理", Notary);
        await CommitAsync(d);
        await IssueAsync(d);
        await d.TaskAsync("verify");

        var commitmentCase = (await Host.Instances.GetChildrenAsync(d.InstanceId)).Single(c => c.DefinitionId == "commitment-certification").CorrelationId!;
        var member = Assert.Single(await d.Cases.GetMembersAsync(commitmentCase), m => m.Relation == CaseRelations.Verifier);
        Assert.Equal((Verifier.Email, true), (member.UserEmail, member.Active));
        var verifier = new CaseViewer(Verifier.Email, ["verifier"]);
        var file = await Queries.GetAsync(verifier, commitmentCase);
        Assert.NotNull(file);
        Assert.NotEmpty(file.Instances);
        foreach (var instance in file.Instances)
            Assert.True(await Queries.CanSeeInstanceAsync(verifier, instance));
        var (listed, _) = await Queries.ListAsync(verifier, new CaseListQuery(CaseKinds.Commitment, null, null, null, null, null, 1, 50));
        Assert.Contains(listed, c => c.Id == commitmentCase);
    }
}
