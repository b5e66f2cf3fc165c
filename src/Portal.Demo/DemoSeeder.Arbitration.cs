using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Portal.Demo;

// The demo's arbitration cases: filing, tribunal formation, hearing, award and the branches (challenge, suspension, withdrawal, correction).
public sealed partial class DemoSeeder
{
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
}
