using System.Text.Json.Nodes;
using Justice.Workflows.Activities.Http;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Casework.Processes.Arbitration.ArbitrationScenario;

namespace Justice.Workflows.Tests.Casework.Processes.Arbitration;

/// <summary>The fee collector's payment notice (POST /workflows/arbitration/fee-notices) ends the fee-prepayment wait as the secretary's confirmation does.</summary>
public sealed class FeeNoticeTests : EngineTest
{
    const string Path = "arbitration/fee-notices";

    HttpRouteTable Routes => Host.Services.GetRequiredService<HttpRouteTable>();

    async Task<ArbitrationScenario> UntilTheFeeWaitAsync()
    {
        await PublishAsync(Host);
        var s = await ArbitrationScenario.StartAsync(Host);
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.TaskAsync("feeTask");
        return s;
    }

    [Fact]
    public async Task PaymentNotice_FromTheFeeCollector_ResumesTheFeeWait_AndCancelsTheSecretarysTask()
    {
        var s = await UntilTheFeeWaitAsync();
        // Only the fee collector's system may send it, and only for this case (its correlation id).
        Assert.Empty(await Routes.FindTriggersAsync(Path, "POST"));
        Assert.Empty(await Routes.FindBookmarksAsync(Path, "GET", null, s.CaseId));
        var bookmark = Assert.Single(await Routes.FindBookmarksAsync(Path, "POST", null, s.CaseId));
        Assert.True(bookmark.Authorize);
        Assert.Equal("fee-collector", bookmark.Policy);

        var slot = new HttpResponseSlot();
        var request = new JsonObject { ["path"] = Path, ["method"] = "POST", ["body"] = new JsonObject { ["receiptNo"] = "FS-2026-0001", ["amount"] = 5_450 } };
        var instance = await Host.Runtime.ResumeWithItemsAsync(bookmark.BookmarkId, request, new Dictionary<string, object> { [HttpResponseSlot.Key] = slot });

        Assert.Equal(WorkflowSubStatus.Suspended, instance!.SubStatus);
        Assert.Equal(200, slot.StatusCode);
        var answer = JsonNode.Parse(slot.Content!)!;
        Assert.True(answer["accepted"]!.GetValue<bool>());
        Assert.Equal(s.CaseId, answer["caseId"]!.GetValue<string>());
        // The case goes on to the arbitration notice; the secretary's confirmation is no longer asked for.
        await s.TaskAsync("serveNoticeTask");
        var (open, _) = await Host.TaskStore.ListOpenTasksAsync(["secretary"], null, [s.CaseId], 1, 100);
        Assert.DoesNotContain(open, t => t.ActivityId == "feeTask");
        Assert.Empty(await Routes.FindBookmarksAsync(Path, "POST", null, s.CaseId));
    }

    [Fact]
    public async Task SecretarysConfirmation_First_EndsTheWaitForANotice()
    {
        var s = await UntilTheFeeWaitAsync();

        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);

        await s.TaskAsync("serveNoticeTask");
        Assert.Empty(await Routes.FindBookmarksAsync(Path, "POST", null, s.CaseId));
    }
}
