using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Tests.Runtime;

/// <summary>Definitions written by the Elsa project run as they do in Elsa.</summary>
public sealed class Elsa3FixtureTests : EngineTest
{
    async Task<Justice.Workflows.Runtime.State.WorkflowInstanceRecord> RunFixtureAsync(string path, JsonObject? input = null)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", path));
        var result = await Host.Definitions.ImportAsync(text, publish: true);
        Assert.True(result.IsPublished, string.Join("; ", result.Errors.Select(e => e.Message)));
        return (await Host.Runtime.StartAsync(result.DefinitionId!, input, null))!;
    }

    [Fact]
    public async Task HelloWorld_WritesAndFinishes()
    {
        var instance = await RunFixtureAsync("Elsa3/hello-world.json");

        Assert.Equal(["Hello World!"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task Fork_RunsAllThreeBranches()
    {
        var instance = await RunFixtureAsync("Elsa3/fork.json");

        Assert.Equal(["One", "Two", "Three"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Join_RunsJoinOnceAndEnds()
    {
        var instance = await RunFixtureAsync("Elsa3/join.json");

        var journal = await Host.JournalAsync(instance.Id);
        Assert.Single(journal, e => e == "802725996be1b582:Started");
        Assert.Contains("5467123c7973d011:Completed", journal);
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task JoinAll_WaitsForBothLines()
    {
        var instance = await RunFixtureAsync("Elsa3/join-all-1.json");

        var lines = await Host.WrittenLinesAsync(instance.Id);
        Assert.Equal("Start", lines[0]);
        Assert.Equal("End", lines[^1]);
        Assert.Equal(["Line 1", "Line 2"], lines[1..^1].Order(StringComparer.Ordinal));
        Assert.Single(await Host.JournalAsync(instance.Id), e => e == "aA4pfJOzyEqmLOY3U3vCoQ:Started");
    }

    [Fact]
    public async Task JoinAny_NestedJoinsRunAtMostOnce_AndEndOnce()
    {
        var instance = await RunFixtureAsync("Elsa3/join-any-1.json");

        Assert.Equal(["Start", "End"], await Host.WrittenLinesAsync(instance.Id));
        var journal = await Host.JournalAsync(instance.Id);
        foreach (var join in new[] { "ImdIbHXtHkiLlrExFlW51A", "cxnS1whoCESvwwPyBnno_Q", "H0apwXYdoESn2TJ5T_3xAg" })
            Assert.True(journal.Count(e => e == $"{join}:Started") <= 1, join);
        Assert.Single(journal, e => e == "H0apwXYdoESn2TJ5T_3xAg:Started");
    }

    [Fact]
    public async Task DecisionMergeJoinNone_RunsToEnd()
    {
        var instance = await RunFixtureAsync("Elsa3/decision-merge-join-none.json");

        Assert.Contains("d5b9c2affe09a93b:Completed", await Host.JournalAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Theory]
    [InlineData(5000, "Route = manual-review")]
    [InlineData(10, "Auto-approved amount 10")]
    public async Task AmountRouting_TakesTheBranchOfTheAmount(int amount, string expected)
    {
        var instance = await RunFixtureAsync("Definitions/amount-routing.json", new JsonObject { ["Amount"] = amount });

        Assert.Equal([expected], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }
}
