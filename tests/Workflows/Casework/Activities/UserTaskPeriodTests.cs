using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Casework.Activities;

/// <summary>
/// A task whose period counts from a date in the past (the filing date) and which the flow enters again after that
/// period ran out: it is created overdue, or leaves through its Overdue port when that is connected — never through
/// a default exit nobody chose.
/// </summary>
public sealed class UserTaskPeriodTests : EngineTest
{
    static readonly TaskUser Secretary = new("s@x", ["secretary"]);

    static JsonObject LoopIntoDecision(bool overdueConnected) => Definition("loop-into-period",
        [Activity("create", "Justice.CreateCase", ("title", Literal("循环期间测试", "String")),
             ("parties", Literal(new JsonArray(new JsonObject { ["side"] = "applicant", ["name"] = "甲" }), "Object"))),
         Activity("decide", "Justice.UserTask", ("title", Literal("审查决定", "String")), ("role", Literal("secretary", "String")),
             ("outcomes", Literal(new JsonArray("准予", "补正"), "String[]")),
             ("periodCode", Literal("审查期", "String")), ("periodAmount", Literal(3, "Int32")), ("periodUnit", Literal("days", "String")),
             ("periodFrom", Js("getInput('FiledOn')", "String"))),
         Activity("fix", "Justice.UserTask", ("title", Literal("补正材料", "String")), ("role", Literal("secretary", "String")),
             ("outcomes", Literal(new JsonArray("已补正"), "String[]"))),
         WriteLine("granted", "准予"), WriteLine("late", "逾期")],
        [("create", "Done", "decide"), ("decide", "补正", "fix"), ("fix", "已补正", "decide"), ("decide", "准予", "granted"),
         .. overdueConnected ? [("decide", "Overdue", "late")] : Array.Empty<(string, string, string)>()],
        inputs: ["FiledOn"]);

    async Task<(WorkflowInstanceRecord Instance, HumanTaskRecord Decision)> EnterTheDecisionAgainAfterItsPeriodAsync(bool overdueConnected)
    {
        var instance = await Host.RunAsync(LoopIntoDecision(overdueConnected), new JsonObject { ["FiledOn"] = "2026-11-26" });
        await CompleteAsync("decide", "补正");
        Host.Clock.Advance(TimeSpan.FromDays(10)); // the 3 days from the filing ran out while the applicant corrected
        await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(5));
        await CompleteAsync("fix", "已补正");
        return (instance, (await OpenTasksAsync()).SingleOrDefault(t => t.ActivityId == "decide")!);
    }

    async Task<IReadOnlyList<HumanTaskRecord>> OpenTasksAsync() => (await Host.TaskStore.ListOpenTasksAsync(["secretary"], null, [], 1, 50)).Items;

    async Task CompleteAsync(string activityId, string outcome)
    {
        var task = (await OpenTasksAsync()).Single(t => t.ActivityId == activityId);
        var result = await Host.Services.GetRequiredService<TaskService>().CompleteAsync(task.Id, Secretary, outcome, null, null);
        Assert.IsType<TaskCompletion.Completed>(result);
    }

    [Fact]
    public async Task ReenteredAfterItsPeriodRanOut_IsCreatedOverdue_AndWaitsForADecision()
    {
        var (instance, decision) = await EnterTheDecisionAgainAfterItsPeriodAsync(overdueConnected: false);

        Assert.Equal(WorkflowStatus.Running, (await Host.Instances.FindAsync(instance.Id))!.Status);
        Assert.NotNull(decision);
        Assert.True(decision.IsOverdue);
        var periods = await Host.Services.GetRequiredService<ICaseStore>().GetPeriodsAsync(instance.CorrelationId!);
        Assert.Equal(PeriodStatus.Expired, periods.Single(p => p.Id == decision.PeriodId).Status);

        await CompleteAsync("decide", "准予");
        Assert.Equal(["准予"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task ReenteredAfterItsPeriodRanOut_WithTheOverduePortConnected_LeavesThroughIt()
    {
        var (instance, decision) = await EnterTheDecisionAgainAfterItsPeriodAsync(overdueConnected: true);

        Assert.Null(decision);
        Assert.Equal(["逾期"], await Host.WrittenLinesAsync(instance.Id));
    }
}
