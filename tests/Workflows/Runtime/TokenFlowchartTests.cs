using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Runtime;

/// <summary>
/// The token-based flowchart mode (definition custom property <c>Flowchart:ExecutionMode</c>): Elsa's JoinBehaviors
/// definitions give the lines Elsa's tests expect; each merge mode; a suspend and resume between processes; definitions
/// without the property keep the counter-based rules.
/// </summary>
public sealed class TokenFlowchartTests : EngineTest
{
    /// <summary>Reads an Elsa fixture and, for the token mode, sets the custom property Elsa's tests pass as a run option.</summary>
    static JsonObject Fixture(string name, bool tokenBased)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", name)))!.AsObject();
        if (tokenBased)
            TokenBased(definition);
        return definition;
    }

    static JsonObject TokenBased(JsonObject definition)
    {
        if (definition["customProperties"] is not JsonObject properties)
            definition["customProperties"] = properties = new JsonObject();
        properties["Flowchart:ExecutionMode"] = "TokenBased";
        return definition;
    }

    static JsonObject Merging(JsonObject activity, string mergeMode)
    {
        activity["customProperties"] = new JsonObject { ["mergeMode"] = mergeMode };
        return activity;
    }

    async Task<WorkflowInstanceRecord> RunFixtureAsync(string name, bool tokenBased = true)
    {
        var result = await Host.Definitions.ImportAsync(Fixture(name, tokenBased).ToJsonString(), publish: true);
        Assert.True(result.IsPublished, string.Join("; ", result.Errors.Select(e => e.Message)));
        return (await Host.Runtime.StartAsync(result.DefinitionId!, null, null))!;
    }

    [Fact]
    public async Task ForkDecisionJoinConverge_Merge_DoesNotRunTheJoin()
    {
        var instance = await RunFixtureAsync("fork-decision-join-converge.json");

        Assert.Equal(["A"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Null(WorkflowState.Deserialize((await Host.Instances.FindAsync(instance.Id))!.StateJson).FlowTokens);
    }

    [Fact]
    public async Task ForkDecisionJoinConverge_WithoutTheProperty_KeepsTheCounterRules()
    {
        var instance = await RunFixtureAsync("fork-decision-join-converge.json", tokenBased: false);

        Assert.Equal(["A", "C"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task ForkDecisionJoinConvergeStrict_Converge_DoesNotRunTheJoin()
    {
        var instance = await RunFixtureAsync("fork-decision-join-converge-strict.json");

        Assert.Equal(["A"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task ForkDecisionJoinNone_Stream_RunsTheJoin()
    {
        var instance = await RunFixtureAsync("fork-decision-join-none.json");

        Assert.Equal(["A", "C"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task ForkDecisionJoinWaitAll_ExplicitJoinWaitsForTheBranchNeverTaken()
    {
        var instance = await RunFixtureAsync("fork-decision-join-waitall.json");

        Assert.Equal(["A", "C", "B", "D"], await Host.WrittenLinesAsync(instance.Id));
        Assert.DoesNotContain("80847eb320f89c72:Started", await Host.JournalAsync(instance.Id));
    }

    [Fact]
    public async Task DecisionMergeJoinNone_Finishes()
    {
        var instance = await RunFixtureAsync("decision-merge-join-none.json");

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task Join_RunsOnce()
    {
        var instance = await RunFixtureAsync("join.json");

        Assert.Single(await Host.JournalAsync(instance.Id), e => e == "802725996be1b582:Completed");
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    static JsonObject ForkInto(string joinId, JsonObject join) => TokenBased(Definition("token-" + joinId,
        [Start(), WriteLine("a", "A"), WriteLine("b", "B"), join, WriteLine("after", "After")],
        [("start", "Done", "a"), ("start", "Done", "b"), ("a", "Done", joinId), ("b", "Done", joinId), (joinId, "Done", "after")]));

    [Theory]
    [InlineData("Stream", new[] { "A", "B", "C", "After" })]
    [InlineData("None", new[] { "A", "B", "C", "After" })]
    [InlineData("Merge", new[] { "A", "B", "C", "After" })]
    [InlineData("Converge", new[] { "A", "B", "C", "After" })]
    [InlineData("Cascade", new[] { "A", "B", "C", "After" })]
    [InlineData("Race", new[] { "A", "C", "After" })] // B, still scheduled upstream when A arrives, is cancelled
    public async Task BothBranchesTaken_EveryMergeModeRunsTheJoinOnce(string mergeMode, string[] expected)
    {
        var instance = await Host.RunAsync(ForkInto("c", Merging(WriteLine("c", "C"), mergeMode)));

        Assert.Equal(expected, await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    static JsonObject EventOrLine(JsonObject join) => TokenBased(Definition("token-wait-" + join["id"],
        [Start(), WriteLine("a", "A"), Event("go", "Go"), join, WriteLine("after", "After")],
        [("start", "Done", "a"), ("start", "Done", "go"), ("a", "Done", "c"), ("go", "Done", "c"), ("c", "Done", "after")]));

    [Theory]
    [InlineData("Stream")]
    [InlineData("Merge")]
    [InlineData("Converge")]
    public async Task WaitingBranch_TheJoinRunsAfterTheResumeInAnotherProcess(string mergeMode)
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        string instanceId;
        await using (var first = await WorkflowTestHost.CreateAsync(folder: folder))
        {
            var instance = await first.RunAsync(EventOrLine(Merging(WriteLine("c", "C"), mergeMode)));
            instanceId = instance.Id;
            Assert.Equal(WorkflowSubStatus.Suspended, instance.SubStatus);
            Assert.Equal(["A"], await first.WrittenLinesAsync(instance.Id));
            var tokens = WorkflowState.Deserialize((await first.Instances.FindAsync(instance.Id))!.StateJson).FlowTokens;
            Assert.NotNull(tokens);
            Assert.Contains(tokens, t => t is { From: "a", To: "c", Consumed: false });
            Assert.Contains(tokens, t => t is { From: "start", To: "go", Consumed: false });
        }

        await using var second = await WorkflowTestHost.CreateAsync(folder: folder);
        await second.Runtime.TriggerEventAsync("Go", null, instanceId, null);

        Assert.Equal(["A", "C", "After"], await second.WrittenLinesAsync(instanceId));
        var stored = (await second.Instances.FindAsync(instanceId))!;
        Assert.Equal(WorkflowSubStatus.Finished, stored.SubStatus);
        Assert.Null(WorkflowState.Deserialize(stored.StateJson).FlowTokens);
    }

    [Fact]
    public async Task Race_RunsOnTheFirstArrivalAndCancelsTheWaitingBranch()
    {
        var instance = await Host.RunAsync(EventOrLine(Merging(WriteLine("c", "C"), "Race")));

        Assert.Equal(["A", "C", "After"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Contains("go:Cancelled", await Host.JournalAsync(instance.Id));
    }

    [Fact]
    public async Task FlowJoinWaitAny_ActsAsRace()
    {
        var instance = await Host.RunAsync(EventOrLine(Join("c", "WaitAny")));

        Assert.Equal(["A", "After"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Contains("go:Cancelled", await Host.JournalAsync(instance.Id));
    }

    [Fact]
    public async Task Cascade_RunsOnTheFirstArrivalAndLetsTheOtherBranchWait()
    {
        var instance = await Host.RunAsync(EventOrLine(Merging(WriteLine("c", "C"), "Cascade")));

        Assert.Equal(["A", "C", "After"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Suspended, instance.SubStatus);

        await Host.Runtime.TriggerEventAsync("Go", null, instance.Id, null);

        // The later arrival consumes the block it left: the join does not run again.
        Assert.Equal(["A", "C", "After"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, (await Host.Instances.FindAsync(instance.Id))!.SubStatus);
    }

    [Fact]
    public async Task Loop_RunsEachRoundInTokenMode()
    {
        var definition = TokenBased(Definition("token-loop",
            [Start(), Activity("set", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "n-id", ["name"] = "N" }), ("value", Js("getN() + 1"))),
             WriteLine("w", "round"), Decision("more", "getN() < 3"), WriteLine("done", "done")],
            [("start", "Done", "set"), ("set", "Done", "w"), ("w", "Done", "more"), ("more", "True", "set"), ("more", "False", "done")],
            variables: [Variable("N", "Int32", 0)]));

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["round", "round", "round", "done"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }
}
