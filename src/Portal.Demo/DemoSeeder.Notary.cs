using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Portal.Demo;

// The demo's notary applications, with commitments, sampling and reviews.
public sealed partial class DemoSeeder
{
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
}
