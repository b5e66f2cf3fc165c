using System.Text.Json.Nodes;
using Justice.Workflows.Persistence.Stores;
using Justice.Workflows.Runtime;
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
        var finished = await Host.Store.FindAsync(instance.Id);
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
        Assert.Equal(2, (await Host.Store.GetIncidentsAsync(instance.Id)).Count);

        var running = await Host.RunAsync(Definition("retry-healthy", [Start(), Event("wait", "Go")], [("start", "Done", "wait")]));
        var notFaulted = await Assert.ThrowsAsync<WorkflowConflictException>(() => Host.Runtime.RetryAsync(running.Id, "wait"));
        Assert.Contains("不处于故障状态", notFaulted.Message);
    }
}
