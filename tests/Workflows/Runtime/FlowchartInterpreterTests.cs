using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Runtime;

public sealed class FlowchartInterpreterTests : EngineTest
{
    [Fact]
    public async Task Start_WithExplicitStart_BeginsThere()
    {
        var definition = Definition("explicit-start", [WriteLine("a", "A"), WriteLine("b", "B")], [("a", "Done", "b")]);
        definition["root"]!["start"] = "b";

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["B"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_WithStartActivity_PrefersItOverFirstWithoutInbound()
    {
        var definition = Definition("start-activity", [WriteLine("lonely", "lonely"), Start(), WriteLine("a", "A")], [("start", "Done", "a")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["A"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_WithCanStartWorkflow_BeginsAtThatActivity()
    {
        var b = WriteLine("b", "B");
        b["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        var definition = Definition("can-start", [WriteLine("a", "A"), b], []);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["B"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_WithoutMarkers_BeginsAtFirstActivityWithoutInbound()
    {
        var definition = Definition("first-free", [WriteLine("b", "B"), WriteLine("a", "A")], [("a", "Done", "b")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["A", "B"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Decision_FalseBranch_IsSkippedAndImplicitJoinRunsOnce()
    {
        var definition = Definition("dead-path",
            [Start(), Decision("d", "false"), WriteLine("yes", "yes"), WriteLine("yes2", "yes2"), WriteLine("no", "no"), WriteLine("merge", "merge")],
            [("start", "Done", "d"), ("d", "True", "yes"), ("yes", "Done", "yes2"), ("d", "False", "no"), ("yes2", "Done", "merge"), ("no", "Done", "merge")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["no", "merge"], await Host.WrittenLinesAsync(instance.Id));
        var journal = await Host.JournalAsync(instance.Id);
        Assert.Contains("yes:Skipped", journal);
        Assert.Contains("yes2:Skipped", journal);
        Assert.Single(journal, e => e == "merge:Started");
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task ImplicitJoin_WaitsForSuspendedBranch_ThenRunsOnce()
    {
        var definition = Definition("implicit-join",
            [Start(), Event("wait", "Go"), WriteLine("fast", "fast"), WriteLine("merge", "merge")],
            [("start", "Done", "wait"), ("start", "Done", "fast"), ("wait", "Done", "merge"), ("fast", "Done", "merge")]);

        var instance = await Host.RunAsync(definition);
        Assert.Equal(["fast"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Suspended, instance.SubStatus);

        await Host.Runtime.TriggerEventAsync("Go", null, instance.Id, null);

        Assert.Equal(["fast", "merge"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, (await Host.Instances.FindAsync(instance.Id))!.SubStatus);
    }

    [Fact]
    public async Task WaitAll_WithOneDeadBranch_IsSkippedAndPassesDeadPathOn()
    {
        var definition = Definition("wait-all-dead",
            [Start(), Decision("d", "true"), WriteLine("a", "a"), WriteLine("b", "b"), Join("join", "WaitAll"), WriteLine("after", "after"), WriteLine("other", "other")],
            [("start", "Done", "d"), ("d", "True", "a"), ("d", "False", "b"), ("a", "Done", "join"), ("b", "Done", "join"), ("join", "Done", "after"), ("start", "Done", "other")]);

        var instance = await Host.RunAsync(definition);

        var journal = await Host.JournalAsync(instance.Id);
        Assert.Contains("join:Skipped", journal);
        Assert.Contains("after:Skipped", journal);
        Assert.DoesNotContain("after", await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task WaitAll_WhenAllFollowed_RunsAfterLastArrival()
    {
        var definition = Definition("wait-all",
            [Start(), Event("e1", "One"), Event("e2", "Two"), Join("join", "WaitAll"), WriteLine("after", "after")],
            [("start", "Done", "e1"), ("start", "Done", "e2"), ("e1", "Done", "join"), ("e2", "Done", "join"), ("join", "Done", "after")]);

        var instance = await Host.RunAsync(definition);
        await Host.Runtime.TriggerEventAsync("One", null, instance.Id, null);
        Assert.Empty(await Host.WrittenLinesAsync(instance.Id));

        await Host.Runtime.TriggerEventAsync("Two", null, instance.Id, null);

        Assert.Equal(["after"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task WaitAny_FirstArrival_RunsJoinAndCancelsOtherBranchBookmarks()
    {
        var definition = Definition("wait-any",
            [Start(), Event("e1", "One"), Activity("delay", "Elsa.Delay", ("timeSpan", Literal("1.00:00:00", "TimeSpan"))), Join("join", "WaitAny"), WriteLine("after", "after")],
            [("start", "Done", "e1"), ("start", "Done", "delay"), ("e1", "Done", "join"), ("delay", "Done", "join"), ("join", "Done", "after")]);

        var instance = await Host.RunAsync(definition);
        Assert.Equal(2, (await Host.Instances.GetBookmarksAsync(instance.Id)).Count);

        await Host.Runtime.TriggerEventAsync("One", null, instance.Id, null);

        Assert.Equal(["after"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Empty(await Host.Instances.GetBookmarksAsync(instance.Id));
        Assert.Null(await Host.Timers.NextTimerDueAsync());
        Assert.Contains("delay:Cancelled", await Host.JournalAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, (await Host.Instances.FindAsync(instance.Id))!.SubStatus);
    }

    [Fact]
    public async Task WaitAllActive_WithOneDeadBranch_RunsOnce()
    {
        var definition = Definition("wait-all-active",
            [Start(), Decision("d", "false"), WriteLine("a", "a"), WriteLine("b", "b"), Join("join", "WaitAllActive"), WriteLine("after", "after")],
            [("start", "Done", "d"), ("d", "True", "a"), ("d", "False", "b"), ("a", "Done", "join"), ("b", "Done", "join"), ("join", "Done", "after")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["b", "after"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task BackwardConnection_LoopsUntilConditionFails()
    {
        var definition = Definition("loop",
            [Start(), Activity("inc", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "counter-id", ["name"] = "Counter" }), ("value", Js("getCounter() + 1"))),
             Decision("again", "getCounter() < 3"), WriteLine("done", "done")],
            [("start", "Done", "inc"), ("inc", "Done", "again"), ("again", "True", "inc"), ("again", "False", "done")],
            variables: [Variable("Counter", "Int32", 0)]);

        var instance = await Host.RunAsync(definition);

        Assert.True(3 == (await Host.VariableAsync(instance.Id, "Counter"))!.GetValue<int>(), string.Join("\n", (await Host.Instances.GetJournalAsync(instance.Id)).Select(j => $"{j.ActivityId}:{j.Event}:{j.DataJson}")) + (await Host.Instances.FindAsync(instance.Id))!.StateJson);
        Assert.Equal(["done"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task EndlessLoop_IsStoppedByStepLimit_AndFaultsWithClearMessage()
    {
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:MaxStepsPerBurst"] = "50" });
        var definition = Definition("endless",
            [Start(), WriteLine("a", "tick"), Decision("d", "true")],
            [("start", "Done", "a"), ("a", "Done", "d"), ("d", "True", "a")]);

        var instance = await host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("step-limit", incident.Code);
        Assert.Contains("50", incident.Message);
    }

    [Fact]
    public async Task End_CompletesFlowchart_CancellingWaitingBranches()
    {
        var definition = Definition("end-cancels",
            [Start(), Event("wait", "Never"), WriteLine("a", "a"), End()],
            [("start", "Done", "wait"), ("start", "Done", "a"), ("a", "Done", "end")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Empty(await Host.Instances.GetBookmarksAsync(instance.Id));
        Assert.Contains("wait:Cancelled", await Host.JournalAsync(instance.Id));
    }

    [Fact]
    public async Task Complete_InNestedFlowchart_CompletesItWithOutcomes()
    {
        var inner = Flowchart("inner",
            [Start("istart"), Activity("complete", "Elsa.Complete", ("outcomes", Literal(new JsonArray("Approved"), "String[]")))],
            [("istart", "Done", "complete")]);
        var definition = Definition("nested-complete",
            [Start(), inner, WriteLine("approved", "approved"), WriteLine("done", "done")],
            [("start", "Done", "inner"), ("inner", "Approved", "approved"), ("inner", "Done", "done")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["approved"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Contains("done:Skipped", await Host.JournalAsync(instance.Id));
    }

    [Fact]
    public async Task NestedFlowchart_WithoutTerminal_CompletesWhenIdle()
    {
        var inner = Flowchart("inner", [WriteLine("i1", "inside"), Event("iwait", "Inner")], [("i1", "Done", "iwait")]);
        var definition = Definition("nested-idle", [Start(), inner, WriteLine("after", "after")], [("start", "Done", "inner"), ("inner", "Done", "after")]);

        var instance = await Host.RunAsync(definition);
        Assert.Equal(["inside"], await Host.WrittenLinesAsync(instance.Id));

        await Host.Runtime.TriggerEventAsync("Inner", null, instance.Id, null);

        Assert.Equal(["inside", "after"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Finish_FinishesWholeInstance_FromNestedFlowchart()
    {
        var inner = Flowchart("inner", [Activity("finish", "Elsa.Finish")], []);
        var definition = Definition("finish-nested", [Start(), Event("wait", "Never"), inner, WriteLine("after", "after")],
            [("start", "Done", "wait"), ("start", "Done", "inner"), ("inner", "Done", "after")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Empty(await Host.WrittenLinesAsync(instance.Id));
        Assert.Empty(await Host.Instances.GetBookmarksAsync(instance.Id));
    }

    [Fact]
    public async Task Journal_HasEveryEventInOrder()
    {
        var definition = Definition("journal", [Start(), Event("wait", "Go"), End()], [("start", "Done", "wait"), ("wait", "Done", "end")]);

        var instance = await Host.RunAsync(definition);
        await Host.Runtime.TriggerEventAsync("Go", null, instance.Id, new JsonObject { ["x"] = 1 });

        Assert.Equal(
            ["flowchart1:Started", "start:Started", "start:Completed", "wait:Started", "wait:Suspended", "wait:Resumed", "wait:Completed", "end:Started", "end:Completed", "flowchart1:Completed"],
            await Host.JournalAsync(instance.Id));
        var journal = await Host.Instances.GetJournalAsync(instance.Id);
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(j => j.Sequence));
    }

    [Fact]
    public async Task ImplicitJoin_ReachedAgainByALoop_DoesNotWaitForConnectionsFromBeforeTheLoop()
    {
        var review = Activity("review", "Elsa.Event", ("eventName", Literal("Review", "String")));
        review["result"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "decision-id" } };
        var definition = Definition("loop-join",
            [Start(), Decision("gate", "false"), review, Decision("refuse?", "getDecision() === 'refuse'"), WriteLine("refused", "refused"), WriteLine("more", "more")],
            [("start", "Done", "gate"), ("gate", "True", "refused"), ("gate", "False", "review"), ("review", "Done", "refuse?"),
             ("refuse?", "True", "refused"), ("refuse?", "False", "more"), ("more", "Done", "review")],
            [Variable("Decision", "String", "")]);
        var instance = await Host.RunAsync(definition);

        await Host.Runtime.TriggerEventAsync("Review", null, instance.Id, JsonValue.Create("more"));
        Assert.Contains("refused:Skipped", await Host.JournalAsync(instance.Id));
        await Host.Runtime.TriggerEventAsync("Review", null, instance.Id, JsonValue.Create("refuse"));

        Assert.Equal(["more", "refused"], await Host.WrittenLinesAsync(instance.Id));
    }
}
