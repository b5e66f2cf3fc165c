using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Activities;

public sealed class CoreActivityTests : EngineTest
{
    static JsonObject Switch(string id, string mode, params (string Label, string Script)[] cases) =>
        Activity(id, "Elsa.FlowSwitch",
            ("mode", Literal(mode, "Elsa.Workflows.Activities.Flowchart.Models.SwitchMode, Elsa.Workflows.Core")),
            ("cases", new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject { ["label"] = c.Label, ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = c.Script } })])));

    [Theory]
    [InlineData("MatchFirst", 5, "small")]
    [InlineData("MatchAny", 5, "small,tiny")]
    [InlineData("MatchFirst", 500, "default")]
    public async Task FlowSwitch_TakesMatchingCasesOrDefault(string mode, int amount, string expected)
    {
        var definition = Definition($"switch-{mode}-{amount}",
            [Switch("s", mode, ("Small", "getInput('Amount') < 100"), ("Tiny", "getInput('Amount') < 10")), WriteLine("small", "small"), WriteLine("tiny", "tiny"), WriteLine("default", "default")],
            [("s", "Small", "small"), ("s", "Tiny", "tiny"), ("s", "Default", "default")], inputs: ["Amount"]);

        var instance = await Host.RunAsync(definition, new JsonObject { ["Amount"] = amount });

        Assert.Equal(expected, string.Join(",", await Host.WrittenLinesAsync(instance.Id)));
    }

    [Fact]
    public async Task FlowFork_LiteralBranches_RunEach()
    {
        var definition = Definition("fork", [Activity("f", "Elsa.FlowFork", ("branches", Literal("甲,乙", "String[]"))), WriteLine("a", "甲"), WriteLine("b", "乙")],
            [("f", "甲", "a"), ("f", "乙", "b")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["甲", "乙"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task SetName_Correlate_SetOutput_UpdateTheInstance()
    {
        var definition = Definition("naming",
            [Activity("n", "Elsa.SetName", ("value", Literal("仲裁案 1 号", "String"))), Activity("c", "Elsa.Correlate", ("correlationId", Js("'CASE-' + 7", "String"))),
             Activity("o", "Elsa.SetOutput", ("outputName", Literal("Result", "String")), ("outputValue", Literal(99, "Int32")))],
            [("n", "Done", "c"), ("c", "Done", "o")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal("仲裁案 1 号", instance.Name);
        Assert.Equal("CASE-7", instance.CorrelationId);
        Assert.Equal(99, JsonNode.Parse(instance.OutputJson)!["Result"]!.GetValue<int>());
    }

    [Fact]
    public async Task Event_ResumedByCorrelation_StoresInputInResultVariable()
    {
        var wait = Event("wait", "Signed");
        wait["result"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "signature-id" } };
        var definition = Definition("event-result", [wait, Activity("w", "Elsa.WriteLine", ("text", Js("getSignature().by", "String")))], [("wait", "Done", "w")],
            [Variable("Signature", "Object")]);
        var instance = await Host.RunAsync(definition, correlationId: "C-1");
        var other = (await Host.Runtime.StartAsync("event-result", null, "C-2"))!;

        var resumed = await Host.Runtime.TriggerEventAsync("Signed", "C-1", null, new JsonObject { ["by"] = "张三" });

        Assert.Equal([instance.Id], resumed);
        Assert.Equal(["张三"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Suspended, (await Host.Instances.FindAsync(other.Id))!.SubStatus);
    }

    [Fact]
    public async Task Event_TriggeredBeforeBookmark_IsNotKept()
    {
        await Host.PublishAsync(Definition("event-late", [Event("wait", "Early")], []));
        Assert.Empty(await Host.Runtime.TriggerEventAsync("Early", null, null, null));

        var instance = (await Host.Runtime.StartAsync("event-late", null, null))!;

        Assert.Equal(WorkflowSubStatus.Suspended, instance.SubStatus);
    }

    [Fact]
    public async Task PublishEvent_IsDeliveredAfterCommitToWaitingInstance()
    {
        var waiter = await Host.RunAsync(Definition("waits-for-paid", [Event("paid", "FeePaid"), WriteLine("w", "已缴费")], [("paid", "Done", "w")]), correlationId: "CASE-9");
        var publisher = Definition("publishes-paid",
            [Activity("p", "Elsa.PublishEvent", ("eventName", Literal("FeePaid", "String")), ("correlationId", Literal("CASE-9", "String")), ("payload", Literal(new JsonObject { ["amount"] = 100 }, "Object")))], []);

        await Host.RunAsync(publisher);

        Assert.Equal(["已缴费"], await Host.WrittenLinesAsync(waiter.Id));
    }

    [Fact]
    public async Task Delay_FiresWhenTimeHasPassed()
    {
        var definition = Definition("delay", [Activity("d", "Elsa.Delay", ("timeSpan", Literal("02:00:00", "TimeSpan"))), WriteLine("w", "醒来")], [("d", "Done", "w")]);
        var instance = await Host.RunAsync(definition);

        Host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1)));
        Host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1)));

        Assert.Equal(["醒来"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Null(await Host.Timers.NextTimerDueAsync());
    }

    [Fact]
    public async Task Timer_AndStartAt_AreDurableTimers()
    {
        var definition = Definition("timer-startat",
            [Activity("t", "Elsa.Timer", ("interval", Literal("00:10:00", "TimeSpan"))),
             Activity("s", "Elsa.StartAt", ("dateTime", Literal("2026-11-27T00:00:00+00:00", "DateTime"))), WriteLine("w", "到点")],
            [("t", "Done", "s"), ("s", "Done", "w")]);
        var instance = await Host.RunAsync(definition);
        Assert.Equal(Host.Clock.GetUtcNow().AddMinutes(10), await Host.Timers.NextTimerDueAsync());

        Host.Clock.Advance(TimeSpan.FromMinutes(10));
        await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), await Host.Timers.NextTimerDueAsync());
        Host.Clock.Advance(TimeSpan.FromDays(1));
        await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(["到点"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task RunJavaScript_SetOutcome_ChoosesPort()
    {
        var definition = Definition("js-outcome",
            [Activity("js", "Elsa.RunJavaScript", ("script", Literal("setOutcome(getInput('Kind') === 'A' ? '甲' : '乙')", "String")), ("possibleOutcomes", Literal(new JsonArray("甲", "乙"), "String[]"))),
             WriteLine("a", "甲"), WriteLine("b", "乙")],
            [("js", "甲", "a"), ("js", "乙", "b")], inputs: ["Kind"]);

        var instance = await Host.RunAsync(definition, new JsonObject { ["Kind"] = "B" });

        Assert.Equal(["乙"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Fault_FaultsInstanceWithCodeCategoryAndMessage()
    {
        var definition = Definition("fault", [Activity("f", "Elsa.Fault", ("code", Literal("E42", "String")), ("category", Literal("业务", "String")), ("message", Literal("材料缺失", "String")))], []);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await Host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal(("E42", "业务", "材料缺失"), (incident.Code, incident.Category, incident.Message));
    }

    [Fact]
    public async Task UserTask_ListsTaskAndCompletesThroughChosenPort()
    {
        var task = Activity("review", "Justice.UserTask", ("title", Liquid("审核 {{ Input.Subject }}")), ("role", Literal("secretary", "String")), ("outcomes", Literal(new JsonArray("同意", "退回"), "String[]")));
        var definition = Definition("user-task", [task, WriteLine("ok", "同意了"), WriteLine("back", "退回了")], [("review", "同意", "ok"), ("review", "退回", "back")], inputs: ["Subject"]);
        var instance = await Host.RunAsync(definition, new JsonObject { ["Subject"] = "立案" }, "CASE-3");

        var (tasks, total) = await Host.TaskStore.ListOpenTasksAsync(["secretary"], null, [], 1, 10);
        var open = Assert.Single(tasks);
        Assert.Equal(("审核 立案", "secretary", "CASE-3"), (open.Title, open.Role, open.CaseId));
        Assert.Empty((await Host.TaskStore.ListOpenTasksAsync(["notary"], null, [], 1, 10)).Items);

        await Host.Runtime.ResumeAsync(open.Id, new JsonObject { ["outcome"] = "退回", ["userId"] = "s@x", ["comment"] = "缺材料" },
            new Justice.Workflows.Runtime.State.HumanTaskRecord { Id = open.Id, InstanceId = open.InstanceId, DefinitionId = open.DefinitionId, ActivityId = open.ActivityId, Title = open.Title, CompletedBy = "s@x", Outcome = "退回" });

        Assert.Equal(["退回了"], await Host.WrittenLinesAsync(instance.Id));
        var closed = (await Host.TaskStore.FindTaskAsync(open.Id))!;
        Assert.Equal(("Completed", "s@x", "退回"), (closed.Status, closed.CompletedBy, closed.Outcome));
        Assert.Equal(1, total);
    }
}
