using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Portal.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>A staff member's name as the filing gives it: the demo account's name (the invented one only for an unknown address).</summary>
    static string StaffName(string invented, string email) => DemoStaff.For(email)?.FullName ?? invented;

    static JsonObject Serve(string today) => new() { ["method"] = "electronic", ["receivedOn"] = today };

    List<Scenario> Scenarios()
    {
        var list = new List<Scenario>();
        int[] days = [0, 0, 1, 1, 1, 3, 8, 8, 13, 13, 20, 20, 23, 33, 53];
        void Arb(string name, bool open, int upTo, string variant = "award", string? grade = null) =>
            list.Add(new Scenario("arbitration/" + name, open, (c, ct) => ArbitrationAsync(c, upTo, variant, grade, ct), days[upTo]));
        Arb("filed", true, 0);
        Arb("accepted", true, 2);
        Arb("defence", true, 5);
        Arb("formed", true, 6);
        Arb("hearing-scheduled", true, 9);
        Arb("awarded", true, 11);
        Arb("closed", true, 12);
        Arb("archived", true, 13);
        foreach (var grade in new[] { "优秀", "合格", "基本合格", "不合格" })
            Arb("reviewed-" + grade, false, 14, grade: grade);
        Arb("conciliated", true, 10, "conciliation");
        Arb("ordinary-formed", true, 6, "ordinary");
        list.Add(new Scenario("arbitration/correction", true, (c, ct) => ArbitrationBranchAsync(c, "correction", ct), 1));
        list.Add(new Scenario("arbitration/not-accepted", false, (c, ct) => ArbitrationBranchAsync(c, "not-accepted", ct)));
        list.Add(new Scenario("arbitration/fee-overdue", false, (c, ct) => ArbitrationBranchAsync(c, "fee-overdue", ct)));
        list.Add(new Scenario("arbitration/director-appoints", true, (c, ct) => ArbitrationBranchAsync(c, "director-appoints", ct), 13));
        list.Add(new Scenario("arbitration/challenge-pending", true, (c, ct) => ArbitrationBranchAsync(c, "challenge-pending", ct), 11));
        list.Add(new Scenario("arbitration/challenge-upheld", true, (c, ct) => ArbitrationBranchAsync(c, "challenge-upheld", ct), 11));
        list.Add(new Scenario("arbitration/suspended", true, (c, ct) => ArbitrationBranchAsync(c, "suspended", ct), 11));
        list.Add(new Scenario("arbitration/withdrawn-before", false, (c, ct) => ArbitrationBranchAsync(c, "withdrawn-before", ct)));
        list.Add(new Scenario("arbitration/withdrawn-after", false, (c, ct) => ArbitrationBranchAsync(c, "withdrawn-after", ct)));
        list.Add(new Scenario("arbitration/correction-issued", true, (c, ct) => ArbitrationBranchAsync(c, "correction-issued", ct), 16));
        var notaryDays = new Dictionary<string, int> { ["applied"] = 0, ["accepted"] = 1, ["commitment"] = 1, ["supplementing"] = 3, ["verifying"] = 3, ["approved"] = 5, ["issued"] = 5, ["review-requested"] = 35 };
        foreach (var (stage, d) in notaryDays)
            list.Add(new Scenario("notary/" + stage, true, (c, ct) => NotaryAsync(c, stage, ct), d));
        foreach (var stage in new[] { "not-accepted", "refused", "terminated", "revoked", "partly-revoked", "false-commitment" })
            list.Add(new Scenario("notary/" + stage, false, (c, ct) => NotaryAsync(c, stage, ct)));
        var aidDays = new Dictionary<string, int> { ["applied"] = 0, ["commitment"] = 0, ["granted"] = 2, ["objection-pending"] = 2, ["objection-upheld"] = 4, ["sampled-verified"] = 7 };
        foreach (var (stage, d) in aidDays)
            list.Add(new Scenario("legal-aid/" + stage, true, (c, ct) => LegalAidAsync(c, stage, ct), d));
        foreach (var stage in new[] { "closed", "refused", "false-commitment", "route-refused" })
            list.Add(new Scenario("legal-aid/" + stage, false, (c, ct) => LegalAidAsync(c, stage, ct)));
        return list;
    }

    // ---------------- arbitration ----------------

    async Task<TaskUser> StartArbitrationAsync(Context c, bool ordinary, CancellationToken ct)
    {
        var secretary = c.Staff("secretary");
        var claimant = c.Random.Next(2) == 0 ? c.People.Company() : c.People.Person(c.ApplicantAccount);
        claimant["side"] = "claimant";
        claimant["userEmail"] ??= c.ApplicantAccount;
        var respondent = c.Random.Next(3) == 0 ? c.People.Person() : c.People.Company();
        respondent["side"] = "respondent";
        if (c.Random.Next(3) == 0)
            claimant["agentName"] = c.People.Name() + "，湖南示范律师事务所律师";
        var amount = c.People.ClaimAmount(ordinary);
        string[] disputes = ["买卖合同", "民间借贷", "建设工程施工合同", "房屋租赁合同", "服务合同", "物业服务合同"];
        var dispute = disputes[c.Random.Next(disputes.Length)];
        var invented = c.People.Name(); // drawn as before, so that the rest of the demo data stays the same
        await c.Flow.StartAsync("arbitration-case", new JsonObject
        {
            ["Title"] = $"{claimant["name"]}与{respondent["name"]}{dispute}纠纷",
            ["DisputeType"] = dispute,
            ["Claims"] = $"1. 裁决被申请人支付{(dispute == "民间借贷" ? "借款本金" : "款项")}人民币{amount:#,##0}元及利息；2. 裁决被申请人承担本案仲裁费用。",
            ["Amount"] = amount,
            ["FiledOn"] = c.Today,
            ["Secretary"] = secretary,
            ["SecretaryName"] = StaffName(invented, secretary),
            ["ReviewerPool"] = new JsonArray([.. Reviewers.Select(r => (JsonNode)r)]),
            ["IsDemo"] = true,
            ["Parties"] = new JsonArray(claimant, respondent),
        }, ct);
        return new TaskUser(secretary, ["secretary"]);
    }

    /// <summary>A date some days after a yyyy-MM-dd date (a hearing date that respects the rule set's notice lead time, ARB-11).</summary>
    static string LaterThan(string date, int days) => DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    static string Arbitrator(Context c, int n = 0) => (c.Index + n) % 4 == 0 ? $"arbitrator@{Domain}" : $"arbitrator{(c.Index + n) % 9 + 2}@{Domain}";

    async Task<(TaskUser Secretary, TaskUser Arbitrator)> FormAsync(Context c, bool ordinary, CancellationToken ct)
    {
        var secretary = await StartArbitrationAsync(c, ordinary, ct);
        var f = c.Flow;
        await c.Days(1, ct);
        await f.CompleteAsync("review", "受理", secretary, null, ct);
        await f.CompleteAsync("serveAcceptTask", "已送达", secretary, Serve(c.Today), ct);
        await c.Days(3, ct);
        await f.CompleteAsync("feeTask", "已预交", secretary, null, ct);
        await f.CompleteAsync("serveNoticeTask", "已送达", secretary, Serve(c.Today), ct);
        await c.Days(4, ct);
        var arbitrator = Arbitrator(c);
        if (ordinary)
        {
            await f.CompleteAsync("wingsTask", "已选定", secretary, new JsonObject
            {
                ["claimantArbitrator"] = arbitrator, ["claimantArbitratorName"] = StaffName(c.People.Name(), arbitrator),
                ["respondentArbitrator"] = Arbitrator(c, 1), ["respondentArbitratorName"] = StaffName(c.People.Name(), Arbitrator(c, 1)),
                ["presidingArbitrator"] = Arbitrator(c, 2), ["presidingArbitratorName"] = StaffName(c.People.Name(), Arbitrator(c, 2)),
            }, ct);
        }
        else
        {
            await f.CompleteAsync("soleTask", "双方共同选定", secretary, new JsonObject { ["arbitrator"] = arbitrator, ["arbitratorName"] = StaffName(c.People.Name(), arbitrator) }, ct);
        }
        return (secretary, new TaskUser(arbitrator, ["arbitrator"]));
    }

    async Task ArbitrationAsync(Context c, int upTo, string variant, string? grade, CancellationToken ct)
    {
        var f = c.Flow;
        var ordinary = variant == "ordinary";
        if (upTo < 6)
        {
            var secretary = await StartArbitrationAsync(c, ordinary, ct);
            if (upTo >= 2) { await c.Days(1, ct); await f.CompleteAsync("review", "受理", secretary, null, ct); await f.CompleteAsync("serveAcceptTask", "已送达", secretary, Serve(c.Today), ct); }
            if (upTo >= 5) { await c.Days(2, ct); await f.CompleteAsync("feeTask", "已预交", secretary, null, ct); await f.CompleteAsync("serveNoticeTask", "已送达", secretary, Serve(c.Today), ct); }
            return;
        }
        var (sec, arb) = await FormAsync(c, ordinary, ct);
        if (upTo < 7)
            return;
        await f.CompleteAsync("disclosure", "无需披露", arb, null, ct);
        if (upTo < 8)
            return;
        await c.Days(5, ct);
        await f.CompleteAsync("hub", "安排开庭", sec, null, ct);
        await f.CompleteAsync("hearingTask", "已安排", sec, new JsonObject { ["hearingDate"] = LaterThan(c.Today, 7), ["hearingTime"] = "上午9时", ["hearingPlace"] = "本会第一仲裁庭" }, ct);
        await f.CompleteAsync("serveHearingTaskC", "已送达", sec, Serve(c.Today), ct);
        await f.CompleteAsync("serveHearingTaskR", "已送达", sec, Serve(c.Today), ct);
        if (upTo < 10)
            return;
        await c.Days(7, ct);
        if (variant == "conciliation")
        {
            await f.CompleteAsync("hearing", "达成调解", arb, new JsonObject { ["items"] = "被申请人于三十日内分期支付欠款\n申请人放弃利息请求", ["feeBorne"] = "双方各半" }, ct);
            return;
        }
        await f.CompleteAsync("hearing", "作出裁决", arb, new JsonObject
        {
            ["facts"] = "双方存在合同关系，申请人已履行义务，被申请人未按约付款。", ["opinion"] = "申请人的请求有事实和法律依据，仲裁庭予以支持。",
            ["legalBasis"] = "《中华人民共和国民法典》第五百零九条、第五百七十七条", ["items"] = "被申请人自本裁决书送达之日起十日内支付欠款\n驳回申请人的其他仲裁请求", ["feeBorne"] = "被申请人承担",
        }, ct);
        await f.CompleteAsync("serveAwardTask", "已送达", sec, Serve(c.Today), ct);
        if (upTo < 12)
            return;
        await c.Days(3, ct);
        await f.CompleteAsync("correctionWindow", "无补正申请", sec, null, ct);
        if (upTo < 13)
            return;
        await c.Days(10, ct);
        await f.CompleteAsync("archiveTask", "已归档", sec, null, ct);
        if (upTo < 14)
            return;
        await c.Days(20, ct);
        await f.CompleteAsync("reviewTask", grade ?? "合格", Reviewer with { Email = await ReviewerOfAsync(c, ct) }, new JsonObject { ["findings"] = "事实认定清楚，程序规范，文书格式符合要求。" }, ct);
    }

    async Task<string> ReviewerOfAsync(Context c, CancellationToken ct)
    {
        var cases = services.GetRequiredService<Justice.Casework.Cases.ICaseStore>();
        return (await cases.GetMembersAsync(c.Flow.CaseId, ct)).Last(m => m.Relation == "reviewer").UserEmail;
    }

    async Task ArbitrationBranchAsync(Context c, string branch, CancellationToken ct)
    {
        var f = c.Flow;
        switch (branch)
        {
            case "correction":
            case "not-accepted":
            case "fee-overdue":
            case "withdrawn-before":
            {
                var sec = await StartArbitrationAsync(c, false, ct);
                await c.Days(1, ct);
                if (branch == "correction")
                {
                    await f.CompleteAsync("review", "需补正", sec, new JsonObject { ["reason"] = "缺少仲裁协议原件" }, ct);
                    await f.CompleteAsync("serveCorrectionTask", "已送达", sec, Serve(c.Today), ct);
                    return;
                }
                if (branch == "not-accepted") { await f.CompleteAsync("review", "不予受理", sec, new JsonObject { ["reason"] = "当事人之间没有书面仲裁协议" }, ct); return; }
                await f.CompleteAsync("review", "受理", sec, null, ct);
                await f.CompleteAsync("serveAcceptTask", "已送达", sec, Serve(c.Today), ct);
                if (branch == "fee-overdue") { await c.Days(20, ct); return; }
                await c.Days(2, ct);
                await f.CompleteAsync("feeTask", "撤回申请", sec, null, ct);
                return;
            }
            case "director-appoints":
            {
                var sec = await StartArbitrationAsync(c, false, ct);
                await f.CompleteAsync("review", "受理", sec, null, ct);
                await f.CompleteAsync("serveAcceptTask", "已送达", sec, Serve(c.Today), ct);
                await f.CompleteAsync("feeTask", "已预交", sec, null, ct);
                await f.CompleteAsync("serveNoticeTask", "已送达", sec, Serve(c.Today), ct);
                await c.Days(13, ct);
                await f.CompleteAsync("directorSole", "已指定", Director, new JsonObject { ["arbitrator"] = Arbitrator(c, 3), ["arbitratorName"] = StaffName(c.People.Name(), Arbitrator(c, 3)) }, ct);
                return;
            }
            default:
            {
                var (sec, arb) = await FormAsync(c, false, ct);
                await f.CompleteAsync("disclosure", "无需披露", arb, null, ct);
                await c.Days(3, ct);
                switch (branch)
                {
                    case "challenge-pending":
                        await f.CompleteAsync("hub", "回避申请", sec, null, ct);
                        break;
                    case "challenge-upheld":
                        await f.CompleteAsync("hub", "回避申请", sec, null, ct);
                        await f.CompleteAsync("challengeDecision", "准许回避", Director, new JsonObject
                        {
                            ["arbitrator"] = arb.Email, ["arbitratorName"] = "原仲裁员", ["applicant"] = "被申请人", ["grounds"] = "仲裁员曾为申请人提供法律服务", ["reasoning"] = "申请所述情形属实，可能影响公正仲裁",
                        }, ct);
                        await f.CompleteAsync("reselect", "已选定", sec, new JsonObject { ["arbitrator"] = Arbitrator(c, 5), ["arbitratorName"] = StaffName(c.People.Name(), Arbitrator(c, 5)), ["relation"] = "arbitrator" }, ct);
                        break;
                    case "suspended":
                        await f.CompleteAsync("hub", "中止审理", sec, new JsonObject { ["suspensionReason"] = "本案须以另一案的审理结果为依据，而另一案尚未审结" }, ct);
                        await f.CompleteAsync("suspendDecision", "决定中止", arb, new JsonObject { ["reason"] = "本案须以另一案的审理结果为依据，而另一案尚未审结" }, ct);
                        break;
                    case "withdrawn-after":
                        await f.CompleteAsync("hub", "撤回申请", sec, null, ct);
                        break;
                    case "correction-issued":
                        await f.CompleteAsync("hub", "安排开庭", sec, null, ct);
                        await f.CompleteAsync("hearingTask", "已安排", sec, new JsonObject { ["hearingDate"] = LaterThan(c.Today, 5), ["hearingPlace"] = "本会第二仲裁庭" }, ct);
                        await f.CompleteAsync("serveHearingTaskC", "已送达", sec, Serve(c.Today), ct);
                        await f.CompleteAsync("serveHearingTaskR", "已送达", sec, Serve(c.Today), ct);
                        await c.Days(5, ct);
                        await f.CompleteAsync("hearing", "作出裁决", arb, new JsonObject
                        {
                            ["facts"] = "双方存在合同关系，被申请人未按约付款。", ["opinion"] = "申请人的请求有事实和法律依据，仲裁庭予以支持。",
                            ["legalBasis"] = "《中华人民共和国民法典》第五百七十七条", ["items"] = "被申请人支付欠款", ["feeBorne"] = "被申请人承担",
                        }, ct);
                        await f.CompleteAsync("serveAwardTask", "已送达", sec, Serve(c.Today), ct);
                        await c.Days(5, ct);
                        await f.CompleteAsync("correctionWindow", "申请补正", sec, new JsonObject { ["requestedBy"] = "claimant", ["requestedOn"] = c.Today, ["correction"] = "裁决书第一项遗漏利息计算标准，补正为按年利率3.45%计算" }, ct);
                        await f.CompleteAsync("correctionDecision", "补正", arb, new JsonObject { ["correction"] = "裁决第一项补正为：被申请人支付欠款，并按年利率3.45%支付利息" }, ct);
                        break;
                }
                return;
            }
        }
    }

    // ---------------- notary ----------------

    async Task NotaryAsync(Context c, string stage, CancellationToken ct)
    {
        var f = c.Flow;
        var notary = new TaskUser(c.Staff("notary", 2), ["notary"]);
        var other = new TaskUser(c.Index % 2 == 0 ? $"notary2@{Domain}" : $"notary@{Domain}", ["notary"]);
        var applicant = c.People.Person(c.ApplicantAccount);
        string[] matters = ["学历公证", "无犯罪记录公证", "亲属关系公证", "出生公证", "委托书公证", "声明书公证", "学位公证"];
        var matter = matters[c.Random.Next(matters.Length)];
        var commitment = stage is "commitment" or "false-commitment";
        DemoSamplingSeeds.Plan(SamplingSeed(stage == "false-commitment", c.Index));
        await f.StartAsync("notary-application", new JsonObject
        {
            ["Applicant"] = applicant, ["Matter"] = matter, ["Purpose"] = c.Random.Next(2) == 0 ? "出国留学" : "办理签证", ["Channel"] = c.Random.Next(2) == 0 ? "online" : "window",
            ["FiledOn"] = c.Today, ["Notary"] = notary.Email, ["NotaryName"] = StaffName(c.People.Name(), notary.Email!), ["CommitmentRoute"] = commitment,
            ["Verifiers"] = new JsonArray([.. Verifiers.Select(v => (JsonNode)v)]), ["IsDemo"] = true,
        }, ct);
        if (stage == "applied")
            return;
        await c.Days(1, ct);
        if (stage == "not-accepted")
        {
            await f.CompleteAsync("intake", "不予受理", notary, new JsonObject
            {
                ["ground"] = "申请公证的事项不属于本处执业区域", ["competentOffice"] = "长沙市示范公证处", ["reason"] = "申请人的户籍地、经常居住地和行为发生地均在长沙市",
            }, ct);
            return;
        }
        await f.CompleteAsync("intake", "受理", notary, null, ct);
        if (commitment)
        {
            await f.CompleteAsync("choice", "选择承诺", notary, null, ct);
            await f.CompleteAsync("signTask", "已签署", notary, new JsonObject { ["signMethod"] = "手写签名" }, ct);
            if (stage == "commitment")
                return;
        }
        else
        {
            await f.CompleteAsync("materials", "材料齐全", notary, null, ct);
        }
        if (stage == "accepted")
            return;
        await c.Days(2, ct);
        var statement = new JsonObject { ["statement"] = $"兹证明{applicant["name"]}的{matter.Replace("公证", "")}情况属实。" };
        switch (stage)
        {
            case "supplementing":
                await f.CompleteAsync("review", "需补充材料", notary, new JsonObject { ["missing"] = "相关证书原件\n申请人身份证件复印件" }, ct);
                return;
            case "refused":
                await f.CompleteAsync("review", "不予办理", notary, new JsonObject { ["reason"] = "申请人对申请公证的事项隐瞒了重要事实" }, ct);
                return;
            case "terminated":
                await f.CompleteAsync("review", "需补充材料", notary, null, ct);
                await c.Days(190, ct);
                return;
            case "verifying":
                await f.CompleteAsync("review", "需要核实", notary, null, ct);
                return;
        }
        await f.CompleteAsync("review", "无需核实", notary, statement, ct);
        await c.Days(2, ct);
        await f.CompleteAsync("approval", "批准", NotaryHead, null, ct);
        if (stage == "approved")
            return;
        await f.CompleteAsync("deliver", "已送达", notary, new JsonObject { ["method"] = "in-person", ["receivedOn"] = c.Today }, ct);
        if (stage == "issued")
            return;
        if (stage == "false-commitment")
        {
            await c.Days(8, ct);
            var verifier = new TaskUser(await VerifierOfAsync(c, ct), ["verifier"]);
            await f.CompleteAsync("verify", "虚假", verifier, new JsonObject { ["method"] = "网络核验", ["findings"] = "经数据共享核验，申请人承诺的信息与登记信息不符" }, ct);
            await c.Days(3, ct);
            await f.CompleteAsync("statement", "已陈述申辩", verifier, new JsonObject { ["statement"] = "申请人称信息登记有误，但未提交证据" }, ct);
            await f.CompleteAsync("headFinding", "认定承诺不实", NotaryHead, new JsonObject { ["reasoning"] = "申请人未能提交证据证明其陈述，陈述申辩理由不成立" }, ct);
            return;
        }
        await c.Days(30, ct);
        await f.CompleteAsync("reviewWindow", "申请复查", notary, null, ct);
        if (stage == "review-requested")
            return;
        await c.Days(10, ct);
        if (stage == "partly-revoked")
            await f.CompleteAsync("reviewCase", "部分撤销", other, new JsonObject
            {
                ["reviewer"] = StaffName(c.People.Name(), other.Email!), ["findings"] = "公证证词中关于用途的表述与申请人提交的材料不符，其余内容属实",
                ["revokedPart"] = "公证证词中关于用途的表述",
            }, ct);
        else
            await f.CompleteAsync("reviewCase", "撤销", other, new JsonObject { ["reviewer"] = StaffName(c.People.Name(), other.Email!), ["findings"] = "申请人隐瞒了重要事实，公证书内容失实" }, ct);
        await f.CompleteAsync("headReview", "批准", NotaryHead, null, ct);
    }

    async Task<string> VerifierOfAsync(Context c, CancellationToken ct)
    {
        var store = services.GetRequiredService<Justice.Workflows.Runtime.Stores.IInstanceQueries>();
        var family = new List<string> { c.Flow.InstanceId };
        for (var i = 0; i < family.Count; i++)
            family.AddRange((await store.GetChildrenAsync(family[i], ct)).Select(x => x.Id));
        return (await services.GetRequiredService<Justice.Workflows.Runtime.Stores.ITaskStore>().GetOpenTasksAsync(family, ct)).Single(t => t.ActivityId == "verify").Assignee!;
    }

    // ---------------- legal aid ----------------

    async Task LegalAidAsync(Context c, string stage, CancellationToken ct)
    {
        if (stage == "route-refused")
        {
            // A person with a false commitment on record asks again: the commitment route is refused.
            var person = c.People.Person();
            await LegalAidCaseAsync(c, "false-commitment", (JsonObject)person.DeepClone(), ct);
            var next = c with { Flow = new DemoFlow(services) };
            await c.Days(30, ct);
            await LegalAidCaseAsync(next, "route-refused", (JsonObject)person.DeepClone(), ct);
            return;
        }
        await LegalAidCaseAsync(c, stage, c.People.Person(c.ApplicantAccount), ct);
    }

    async Task LegalAidCaseAsync(Context c, string stage, JsonObject applicant, CancellationToken ct)
    {
        var f = c.Flow;
        var exempt = stage is "applied" or "objection-pending" or "objection-upheld" or "refused";
        string[] matters = ["追索劳动报酬", "工伤赔偿", "交通事故人身损害赔偿", "追索赡养费", "医疗损害赔偿"];
        DemoSamplingSeeds.Plan(SamplingSeed(stage is "false-commitment" or "sampled-verified", c.Index));
        await f.StartAsync("legal-aid-application", new JsonObject
        {
            ["Applicant"] = applicant, ["Matter"] = matters[c.Random.Next(matters.Length)], ["Category"] = "民事", ["Form"] = c.Random.Next(2) == 0 ? "劳动争议仲裁代理" : "民事诉讼代理",
            ["Exempt"] = exempt, ["FiledOn"] = c.Today, ["Verifiers"] = new JsonArray([.. Verifiers.Select(v => (JsonNode)v)]), ["IsDemo"] = true,
        }, ct);
        if (!exempt)
        {
            if (stage == "route-refused")
            {
                await f.CompleteAsync("proof", "符合标准", AidOfficer, null, ct);
                return;
            }
            await f.CompleteAsync("choice", "选择承诺", AidOfficer, null, ct);
            await f.CompleteAsync("signTask", "已签署", AidOfficer, new JsonObject { ["signMethod"] = "手写签名" }, ct);
        }
        if (stage is "applied" or "commitment")
            return;
        await c.Days(2, ct);
        if (stage is "refused" or "objection-pending" or "objection-upheld")
        {
            await f.CompleteAsync("decide", "不予法律援助", AidHead, new JsonObject { ["reason"] = "申请人家庭经济状况不符合本市法律援助经济困难标准" }, ct);
            if (stage == "refused")
            {
                await f.CompleteAsync("objectionWindow", "未提出异议", AidOfficer, null, ct);
                return;
            }
            await f.CompleteAsync("objectionWindow", "提出异议", AidOfficer, null, ct);
            if (stage == "objection-pending")
                return;
            await c.Days(2, ct);
            await f.CompleteAsync("objection", "责令改正", Supervisor, new JsonObject { ["reasoning"] = "申请人系农民工追索劳动报酬，依法免予核查经济困难状况" }, ct);
            return;
        }
        await f.CompleteAsync("decide", "给予法律援助", AidHead, null, ct);
        var provider = c.Staff("legalaid-provider", 2);
        await f.CompleteAsync("assignTask", "已指派", AidOfficer, new JsonObject { ["provider"] = provider, ["providerName"] = StaffName(c.People.Name(), provider), ["lawFirm"] = "湖南示范律师事务所" }, ct);
        if (stage is "sampled-verified" or "false-commitment")
        {
            await c.Days(5, ct);
            var falseCommitment = stage == "false-commitment";
            var verifier = new TaskUser(await VerifierOfAsync(c, ct), ["verifier"]);
            await f.CompleteAsync("verify", falseCommitment ? "虚假" : "属实", verifier,
                new JsonObject { ["method"] = "网络核验", ["findings"] = falseCommitment ? "申请人名下有多处房产，与承诺不符" : "数据共享核验与承诺一致" }, ct);
            if (falseCommitment)
            {
                await c.Days(3, ct);
                await f.CompleteAsync("statement", "放弃陈述申辩", verifier, null, ct);
                await f.CompleteAsync("headFinding", "认定承诺不实", AidHead, new JsonObject { ["reasoning"] = "申请人名下房产登记属实，且未陈述申辩" }, ct);
            }
            return;
        }
        if (stage == "granted")
            return;
        await c.Days(25, ct);
        await f.CompleteAsync("handling", "事项已办结", new TaskUser(provider, ["legalaid-provider"]), null, ct);
        await c.Days(5, ct);
        await f.CompleteAsync("closingReport", "已提交结案报告", new TaskUser(provider, ["legalaid-provider"]), new JsonObject { ["report"] = "经调解，对方当事人一次性支付 28,000 元，受援人撤回申请。" }, ct);
    }
}
