using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.Stores;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Runtime;

/// <summary>Retrying a faulted activity once its cause is mended: the instance carries on; waiting paths keep waiting.</summary>
public sealed class RetryTests : EngineTest
{
    static JsonObject Execute(string id, string definitionId) => Activity(id, "Elsa.ExecuteWorkflow",
        ("workflowDefinitionId", Literal(definitionId, "String")),
        ("waitForCompletion", Literal(true, "Boolean")));

    /// <summary>Start forks: one path waits for an event, the other runs a sub-process that is not published yet.</summary>
    static JsonObject Parent() => Definition("retry-parent",
        [Start(), Event("wait", "Signed"), Execute("run", "retry-child"), WriteLine("after", "after"), WriteLine("merge", "merge")],
        [("start", "Done", "wait"), ("start", "Done", "run"), ("run", "Done", "after"), ("wait", "Done", "merge"), ("after", "Done", "merge")]);

    [Fact]
    public async Task FaultedActivity_RunsAgainAfterTheCauseIsMended_AndTheInstanceCarriesOn()
    {
        var instance = await Host.RunAsync(Parent());
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);

        await Host.PublishAsync(Definition("retry-child", [WriteLine("hello", "child")], []));
        var retried = await Host.Runtime.RetryAsync(instance.Id, "run");

        Assert.NotNull(retried);
        Assert.Equal(WorkflowStatus.Running, retried.Status);
        Assert.Equal(WorkflowSubStatus.Suspended, retried.SubStatus);
        Assert.Null(retried.FinishedAt);
        Assert.Equal(["after"], await Host.WrittenLinesAsync(instance.Id));
        var journal = await Host.JournalAsync(instance.Id);
        Assert.Equal(2, journal.Count(e => e == "run:Started"));
        Assert.Contains("run:Faulted", journal);
        Assert.Contains("run:Completed", journal);

        // The path that was waiting when the fault happened still waits, and finishes the instance.
        Assert.Single(await Host.Runtime.TriggerEventAsync("Signed", null, instance.Id, null));
        var finished = await Host.Instances.FindAsync(instance.Id);
        Assert.Equal(WorkflowSubStatus.Finished, finished!.SubStatus);
        Assert.Equal(["after", "merge"], await Host.WrittenLinesAsync(instance.Id));
        var view = await Host.ViewAsync(instance.Id);
        Assert.Single(view["incidents"]!.AsArray());
    }

    [Fact]
    public async Task Retry_IsRefused_WhenNothingFaulted_OrForAnotherActivity_AndUnknownInstanceIsNull()
    {
        var instance = await Host.RunAsync(Parent());

        var wrongActivity = await Assert.ThrowsAsync<WorkflowConflictException>(() => Host.Runtime.RetryAsync(instance.Id, "wait"));
        Assert.Contains("没有故障", wrongActivity.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Host.Runtime.RetryAsync(instance.Id, "no-such-activity"));
        Assert.Null(await Host.Runtime.RetryAsync("no-such-instance", "run"));

        // Still failing: faults again, with a second incident, and can be retried again later.
        var again = await Host.Runtime.RetryAsync(instance.Id, "run");
        Assert.Equal(WorkflowSubStatus.Faulted, again!.SubStatus);
        Assert.Equal(2, (await Host.Instances.GetIncidentsAsync(instance.Id)).Count);

        var running = await Host.RunAsync(Definition("retry-healthy", [Start(), Event("wait", "Go")], [("start", "Done", "wait")]));
        var notFaulted = await Assert.ThrowsAsync<WorkflowConflictException>(() => Host.Runtime.RetryAsync(running.Id, "wait"));
        Assert.Contains("不处于故障状态", notFaulted.Message);
    }

    [Fact]
    public async Task Branches_ScheduledBehindTheFault_RunAfterTheRetry()
    {
        var instance = await Host.RunAsync(Definition("retry-fork",
            [Start(), Execute("run", "retry-fork-child"), WriteLine("b", "b"), WriteLine("merge", "merge")],
            [("start", "Done", "run"), ("start", "Done", "b"), ("run", "Done", "merge"), ("b", "Done", "merge")]));
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Empty(await Host.WrittenLinesAsync(instance.Id));

        await Host.PublishAsync(Definition("retry-fork-child", [WriteLine("hello", "child")], []));
        var retried = await Host.Runtime.RetryAsync(instance.Id, "run");

        Assert.Equal(WorkflowSubStatus.Finished, retried!.SubStatus);
        Assert.Equal(["b", "merge"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task TimersAndEvents_ThatComeWhileFaulted_AreKept_AndDeliveredAfterTheRetry()
    {
        var instance = await Host.RunAsync(Definition("retry-waiting",
            [Start(), Activity("delay", "Elsa.Delay", ("timeSpan", Literal("00:10:00", "TimeSpan"))), WriteLine("late", "late"),
                Event("wait", "Go"), WriteLine("went", "went"), Execute("run", "retry-waiting-child")],
            [("start", "Done", "delay"), ("delay", "Done", "late"), ("start", "Done", "wait"), ("wait", "Done", "went"), ("start", "Done", "run")]));
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);

        // While faulted: the timer comes due and the event arrives; neither is lost.
        Host.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(0, await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1)));
        Assert.Empty(await Host.Runtime.TriggerEventAsync("Go", null, instance.Id, null));
        Assert.Empty(await Host.WrittenLinesAsync(instance.Id));

        await Host.PublishAsync(Definition("retry-waiting-child", [WriteLine("hello", "child")], []));
        var retried = await Host.Runtime.RetryAsync(instance.Id, "run");

        Assert.Equal(WorkflowSubStatus.Finished, retried!.SubStatus);
        Assert.Equal(["late", "went"], (await Host.WrittenLinesAsync(instance.Id)).Order());
    }

    [Fact]
    public async Task FaultOnResume_IsRetriedAsThatResume_NotByStartingTheActivityAgain()
    {
        await Host.PublishAsync(Definition("replay-child",
            [Start(), Event("go", "Go"), Decision("boom", "notDefined.x")], [("start", "Done", "go"), ("go", "Done", "boom")]));
        var parent = await Host.RunAsync(Definition("replay-parent",
            [Activity("run", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Literal("replay-child", "String")), ("waitForCompletion", Literal(true, "Boolean"))),
                WriteLine("after", "after")],
            [("run", "Done", "after")]));
        Assert.Equal(WorkflowSubStatus.Suspended, parent.SubStatus);

        // The child faults; its fault reaches the waiting parent, whose resume faults in turn.
        await Host.Runtime.TriggerEventAsync("Go", null, null, null);
        Assert.Equal(WorkflowSubStatus.Faulted, (await Host.Instances.FindAsync(parent.Id))!.SubStatus);
        var child = Assert.Single(await Host.Instances.GetChildrenAsync(parent.Id));
        var handedOff = await Assert.ThrowsAsync<WorkflowConflictException>(() => Host.Runtime.RetryAsync(child.Id, "boom"));
        Assert.Contains("父流程", handedOff.Message);

        var retried = await Host.Runtime.RetryAsync(parent.Id, "run");

        // Resumed again with the same result (the child still faulted): faults again, and no second child was started.
        Assert.Equal(WorkflowSubStatus.Faulted, retried!.SubStatus);
        Assert.Single(await Host.Instances.GetChildrenAsync(parent.Id));
        Assert.Equal(2, (await Host.Instances.GetIncidentsAsync(parent.Id)).Count);
        Assert.Equal(1, (await Host.JournalAsync(parent.Id)).Count(e => e == "run:Started"));
    }

    [Fact]
    public async Task FaultedInstance_CanBeCancelled_AndItsTasksLeaveTheInbox()
    {
        var instance = await Host.RunAsync(Definition("cancel-faulted",
            [Start(), Event("wait", "Go"), Execute("run", "nobody-here")], [("start", "Done", "wait"), ("start", "Done", "run")]));
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);

        var cancelled = await Host.Runtime.CancelAsync(instance.Id);

        Assert.Equal(WorkflowSubStatus.Cancelled, cancelled!.SubStatus);
        Assert.Empty(await Host.Instances.GetBookmarksAsync(instance.Id));
    }
}
