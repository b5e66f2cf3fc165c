using System.Text.Json.Nodes;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using static Justice.Workflows.Tests.Casework.Processes.Arbitration.ArbitrationScenario;

namespace Justice.Workflows.Tests.Casework.Processes.Arbitration;

/// <summary>Each side chooses within its own period (ARB-06 from its receipt); the director appoints only for a side that did not choose.</summary>
public sealed class ArbitratorSelectionTests : EngineTest
{
    async Task<ArbitrationScenario> NoticesServedAsync()
    {
        await PublishAsync(Host);
        var s = await StartAsync(Host, amount: 5_000_000);
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask", "2026-11-26");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);
        await s.ServeAsync("serveNoticeTask", "2026-11-30");
        return s;
    }

    [Fact]
    public async Task SelectionPeriod_RunsForEachSideFromItsOwnReceipt()
    {
        var s = await NoticesServedAsync();

        var periods = (await s.Cases.GetPeriodsAsync(s.CaseId)).Where(p => p.Code == "ARB-06").ToList();

        Assert.Equal([new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 30)], periods.Select(p => p.StartOn).Order());
        Assert.Contains(periods, p => p.StartOn == new DateOnly(2026, 11, 26) && p.Label.Contains("申请人"));
        Assert.All(periods, p => Assert.Equal(15, p.Amount));
    }

    [Fact]
    public async Task Director_AppointsOnlyForTheSidesThatDidNotChoose_AndKeepsTheClaimantsChoice()
    {
        var s = await NoticesServedAsync();
        await s.CompleteAsync("wingsTask", "由主任指定", SecretaryUser, new JsonObject { ["claimantArbitrator"] = Arbitrator, ["claimantArbitratorName"] = "赵仲裁员" });
        var task = await s.TaskAsync("directorThree");
        var overriding = new JsonObject
        {
            ["claimantArbitrator"] = "other@bureau.test", ["claimantArbitratorName"] = "吴仲裁员", ["respondentArbitrator"] = OtherArbitrator,
            ["respondentArbitratorName"] = "钱仲裁员", ["presidingArbitrator"] = "presiding@bureau.test", ["presidingArbitratorName"] = "孙首席",
        };

        var refused = Assert.IsType<TaskCompletion.Invalid>(await s.Tasks.CompleteAsync(task.Id, DirectorUser, "已指定", null, overriding));
        var missing = Assert.IsType<TaskCompletion.Invalid>(await s.Tasks.CompleteAsync(task.Id, DirectorUser, "已指定", null, new JsonObject()));

        Assert.Contains(refused.Errors, e => e.Path == "$.data.claimantArbitrator" && e.Message.Contains("申请人已在期间内选定仲裁员赵仲裁员，主任不得另行指定"));
        Assert.Equal(["$.data.respondentArbitrator", "$.data.respondentArbitratorName", "$.data.presidingArbitrator", "$.data.presidingArbitratorName"], missing.Errors.Select(e => e.Path));
        await s.CompleteAsync("directorThree", "已指定", DirectorUser, new JsonObject
        {
            ["respondentArbitrator"] = OtherArbitrator, ["respondentArbitratorName"] = "钱仲裁员", ["presidingArbitrator"] = "presiding@bureau.test", ["presidingArbitratorName"] = "孙首席",
        });
        var tribunal = (await s.Cases.GetMembersAsync(s.CaseId)).Where(m => CaseRelations.IsTribunal(m.Relation)).ToList();
        Assert.Equal([(Arbitrator, "申请人选定"), (OtherArbitrator, "主任指定"), ("presiding@bureau.test", "主任指定")], tribunal.Select(m => (m.UserEmail, m.Note)));
    }
}
