using System.Text.Json.Nodes;
using Justice.Casework.Tasks;
using static Justice.Workflows.Tests.Casework.Processes.Arbitration.ArbitrationScenario;

namespace Justice.Workflows.Tests.Casework.Processes.Arbitration;

/// <summary>The hearing notice is served on each party in time (ARB-11 counted from service); a default award needs that service.</summary>
public sealed class HearingTests : EngineTest
{
    async Task<ArbitrationScenario> HearingScheduledAsync(string hearingDate)
    {
        await PublishAsync(Host);
        var s = await StartAsync(Host);
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.CompleteAsync("hearingTask", "已安排", SecretaryUser, new JsonObject { ["hearingDate"] = hearingDate, ["hearingPlace"] = "本会第一仲裁庭" });
        return s;
    }

    static JsonObject Award(bool defaultAward) => new()
    {
        ["facts"] = "申请人依约交付货物，被申请人未付款。", ["opinion"] = "被申请人应当支付货款。", ["legalBasis"] = "《中华人民共和国民法典》第六百二十六条",
        ["items"] = "被申请人支付货款200,000元", ["feeBorne"] = "被申请人承担", ["defaultAward"] = defaultAward,
    };

    [Fact]
    public async Task HearingNotice_IsServedOnEachParty_WithMethodAndDateOfReceipt()
    {
        var s = await HearingScheduledAsync("2026-12-10");

        await s.ServeAsync("serveHearingTaskC", "2026-11-27");
        await s.CompleteAsync("serveHearingTaskR", "已送达", SecretaryUser, new JsonObject { ["method"] = "post", ["receivedOn"] = "2026-11-28" });

        await s.TaskAsync("hearing");
        var notices = (await s.DocumentsAsync()).Where(d => d.Title == "开庭通知书").Select(d => d.Id).ToList();
        var services = (await s.Cases.GetServicesAsync(s.CaseId)).Where(v => notices.Contains(v.DocumentId)).ToList();
        Assert.Equal([("衡阳市示范商贸有限公司", "electronic", "2026-11-27"), ("李某", "post", "2026-11-28")],
            services.Select(v => (v.Recipient, v.Method, v.ReceivedOn!.Value.ToString("yyyy-MM-dd"))));
    }

    [Fact]
    public async Task HearingNoticeReceivedLaterThanTheLeadTimeBeforeTheHearing_IsRefusedWithTheReason_AndTheHearingCanBeRescheduled()
    {
        var s = await HearingScheduledAsync("2026-12-10");
        var task = await s.TaskAsync("serveHearingTaskC");

        var refused = await s.Tasks.CompleteAsync(task.Id, SecretaryUser, "已送达", null, new JsonObject { ["method"] = "post", ["receivedOn"] = "2026-12-08" });

        var problem = Assert.Single(Assert.IsType<TaskCompletion.Invalid>(refused).Errors);
        Assert.Equal("$.data.receivedOn", problem.Path);
        Assert.Contains("最迟为2026年12月7日", problem.Message);
        Assert.Contains("ARB-11", problem.Message);
        Assert.Contains("简易程序须自送达之日起提前3日通知当事人", problem.Message);
        await s.ServeAsync("serveHearingTaskC", "2026-12-07");
        await s.CompleteAsync("serveHearingTaskR", "改期开庭", SecretaryUser);
        await s.CompleteAsync("hearingTask", "已安排", SecretaryUser, new JsonObject { ["hearingDate"] = "2026-12-20", ["hearingPlace"] = "本会第一仲裁庭" });
        await s.ServeAsync("serveHearingTaskC", "2026-12-08");
        await s.ServeAsync("serveHearingTaskR", "2026-12-08");
        await s.TaskAsync("hearing");
    }

    [Fact]
    public async Task DefaultAward_WithoutRecordedServiceOnTheRespondent_IsRefusedWithTheReason()
    {
        var s = await HearingScheduledAsync("2026-12-10");
        await s.ServeAsync("serveHearingTaskC");
        await s.CompleteAsync("serveHearingTaskR", "未能送达", SecretaryUser);
        var task = await s.TaskAsync("hearing");

        var refused = await s.Tasks.CompleteAsync(task.Id, ArbitratorUser, "作出裁决", null, Award(defaultAward: true));

        var problem = Assert.Single(Assert.IsType<TaskCompletion.Invalid>(refused).Errors);
        Assert.Equal("$.data.defaultAward", problem.Path);
        Assert.Contains("开庭通知书未向被申请人送达", problem.Message);
        Assert.DoesNotContain(await s.DocumentsAsync(), d => d.Title == "裁决书");
        await s.CompleteAsync("hearing", "作出裁决", ArbitratorUser, Award(defaultAward: false));
        Assert.DoesNotContain("缺席", (await s.DocumentsAsync()).Single(d => d.Title == "裁决书").Html);
    }

    [Fact]
    public async Task DefaultAward_AfterServiceOnTheRespondent_SaysTheRespondentDidNotAppear()
    {
        var s = await HearingScheduledAsync("2026-12-10");
        await s.ServeAsync("serveHearingTaskC");
        await s.ServeAsync("serveHearingTaskR");

        await s.CompleteAsync("hearing", "作出裁决", ArbitratorUser, Award(defaultAward: true));

        var award = (await s.DocumentsAsync()).Single(d => d.Title == "裁决书").Html;
        Assert.Contains("被申请人经书面通知，无正当理由未到庭，仲裁庭依法缺席审理", award);
        Assert.Contains("被申请人未提交答辩意见。", award);
    }

    [Fact]
    public async Task AwardActivity_RefusesAnAwardWithoutFactsReasonsOrLegalBasis_EvenWhenTheFormNoLongerAsksForThem()
    {
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ShippedDefinitions", "arbitration-case.json")))!;
        var hearing = definition["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "hearing")!;
        foreach (var field in hearing["form"]!["expression"]!["value"]!.AsArray())
            field!.AsObject().Remove("requiredFor");
        Assert.True((await Host.Definitions.ImportAsync(definition.ToJsonString(), publish: true)).IsPublished);
        var s = await StartAsync(Host);
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-10", ["hearingPlace"] = "本会第一仲裁庭" });
        var task = await s.TaskAsync("hearing");

        await s.Tasks.CompleteAsync(task.Id, ArbitratorUser, "作出裁决", null, new JsonObject { ["items"] = "被申请人支付货款200,000元", ["feeBorne"] = "被申请人承担" });

        var incident = Assert.Single(await Host.Instances.GetIncidentsAsync(s.InstanceId));
        Assert.Equal("awardDoc", incident.ActivityId);
        Assert.Contains("裁决书缺少必备内容：facts、opinion、legalBasis", incident.Message);
        Assert.DoesNotContain(await s.DocumentsAsync(), d => d.Title == "裁决书");
    }
}
