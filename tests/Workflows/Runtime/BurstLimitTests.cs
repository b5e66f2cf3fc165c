using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Runtime;

/// <summary>A burst that runs into the step limit with the default settings is stored, faulted, with its incident.</summary>
public sealed class BurstLimitTests : EngineTest
{
    [Fact]
    public async Task Start_LoopThatNeverWaits_FaultsAndStoresIncidentAndJournal()
    {
        var definition = Definition("never-waits",
            [Start(), WriteLine("a", "tick"), WriteLine("b", "tock")],
            [("start", "Done", "a"), ("a", "Done", "b"), ("b", "Done", "a")]);

        var instance = await Host.RunAsync(definition);

        var stored = await Host.Instances.FindAsync(instance.Id);
        Assert.Equal(WorkflowSubStatus.Faulted, stored!.SubStatus);
        var incident = Assert.Single(await Host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("step-limit", incident.Code);
        Assert.Contains("10000", incident.Message);
        var journal = await Host.Instances.GetJournalAsync(instance.Id);
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(j => j.Sequence));
        Assert.Equal("Faulted", journal[^1].Event);
    }

    [Fact]
    public async Task Start_ChainOf50000Activities_IsStoredFaultedAtTheStepLimit()
    {
        const int length = 50_000;
        var activities = new List<JsonObject> { Start() };
        var connections = new List<(string, string, string)> { ("start", "Done", "w0") };
        for (var i = 0; i < length; i++)
        {
            activities.Add(Activity($"w{i}", "Elsa.SetName", ("value", Literal($"第{i}步", "String"))));
            if (i > 0)
                connections.Add(($"w{i - 1}", "Done", $"w{i}"));
        }

        var instance = await Host.RunAsync(Definition("long-chain", activities, connections));

        var stored = await Host.Instances.FindAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, stored!.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, stored.SubStatus);
        Assert.Equal("step-limit", Assert.Single(await Host.Instances.GetIncidentsAsync(instance.Id)).Code);
    }

    [Fact]
    public async Task Start_ChainOf50000ActivitiesOnADeadPath_IsStoredFinished()
    {
        const int length = 50_000;
        var activities = new List<JsonObject> { Start(), Decision("d", "false"), WriteLine("other", "other") };
        var connections = new List<(string, string, string)> { ("start", "Done", "d"), ("d", "True", "w0"), ("d", "False", "other") };
        for (var i = 0; i < length; i++)
        {
            activities.Add(WriteLine($"w{i}", $"{i}"));
            if (i > 0)
                connections.Add(($"w{i - 1}", "Done", $"w{i}"));
        }

        var instance = await Host.RunAsync(Definition("dead-chain", activities, connections));

        var stored = await Host.Instances.FindAsync(instance.Id);
        Assert.Equal(WorkflowSubStatus.Finished, stored!.SubStatus);
        Assert.Equal(["other"], await Host.WrittenLinesAsync(instance.Id));
    }
}
