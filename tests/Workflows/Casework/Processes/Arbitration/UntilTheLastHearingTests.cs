using System.Text.Json.Nodes;
using Justice.Casework.Records;
using static Justice.Workflows.Tests.Casework.Processes.Arbitration.ArbitrationScenario;

namespace Justice.Workflows.Tests.Casework.Processes.Arbitration;

/// <summary>A challenge, a suspension and a withdrawal can be recorded until the last hearing has ended (ARB-10).</summary>
public sealed class UntilTheLastHearingTests : EngineTest
{
    async Task<ArbitrationScenario> AtTheHearingAsync()
    {
        await PublishAsync(Host);
        var s = await StartAsync(Host);
        await s.FormSoleTribunalAsync();
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-10", ["hearingPlace"] = "本会第一仲裁庭" });
        return s;
    }

    [Fact]
    public async Task ChallengeMadeAtTheHearing_IsDecided_AndAFurtherHearingFollows()
    {
        var s = await AtTheHearingAsync();

        await s.CompleteAsync("hearing", "回避申请", ArbitratorUser);
        await s.CompleteAsync("challengeDecision", "驳回申请", DirectorUser, new JsonObject
        {
            ["arbitrator"] = Arbitrator, ["arbitratorName"] = "赵仲裁员", ["applicant"] = "李某", ["grounds"] = "开庭后得知仲裁员与申请人的代理人系同学", ["reasoning"] = "同学关系不足以影响公正仲裁",
        });

        Assert.Contains(await s.DocumentsAsync(), d => d.Title == "回避决定书");
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-20", ["hearingPlace"] = "本会第一仲裁庭" });
        await s.TaskAsync("hearing");
    }

    [Fact]
    public async Task SuspensionAtTheHearing_PausesTheAwardPeriod()
    {
        var s = await AtTheHearingAsync();

        await s.CompleteAsync("hearing", "中止审理", ArbitratorUser);
        await s.CompleteAsync("suspendDecision", "决定中止", ArbitratorUser, new JsonObject { ["reason"] = "被申请人死亡，需要等待继承人表明是否参加仲裁" });

        Assert.Equal(PeriodStatus.Paused, (await s.PeriodAsync("ARB-13")).Status);
        Assert.Contains("因被申请人死亡，需要等待继承人表明是否参加仲裁", (await s.DocumentsAsync()).Single(d => d.Title == "中止仲裁决定书").Html);
        await s.TaskAsync("suspended");
    }

    [Fact]
    public async Task WithdrawalAtTheHearing_ClosesTheCase_AndAnotherHearingCanBeHeldFirst()
    {
        var s = await AtTheHearingAsync();
        await s.CompleteAsync("hearing", "继续开庭", ArbitratorUser);
        await s.CompleteAsync("hub", "安排开庭", SecretaryUser);
        await s.ScheduleHearingAsync(new JsonObject { ["hearingDate"] = "2026-12-20", ["hearingPlace"] = "本会第一仲裁庭" });

        var done = await s.CompleteAsync("hearing", "撤回申请", ArbitratorUser);

        Assert.Equal("Finished", done.SubStatus);
        Assert.Contains(await s.DocumentsAsync(), d => d.Title == "撤案决定书");
    }
}
