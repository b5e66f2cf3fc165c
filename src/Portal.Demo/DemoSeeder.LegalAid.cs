using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Portal.Demo;

// The demo's legal-aid applications, with hardship commitments, objections and assignments.
public sealed partial class DemoSeeder
{
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
