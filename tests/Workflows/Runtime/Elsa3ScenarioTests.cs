using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Workflows.Tests.Runtime;

/// <summary>
/// Elsa 3's own test definitions (tests/Workflows/Fixtures/Elsa3/&lt;Scenario&gt;, sources in its README) run to what
/// Elsa's test for each asserts. Elsa's <c>RunWorkflowUntilEndAsync</c> resumes every bookmark until the instance
/// finishes; <see cref="RunUntilEndAsync"/> does the same here.
/// </summary>
public sealed class Elsa3ScenarioTests : EngineTest
{
    async Task<string> ImportAsync(string path)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", path));
        var result = await Host.Definitions.ImportAsync(text, publish: true);
        Assert.True(result.IsPublished, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.DefinitionId!;
    }

    async Task<WorkflowInstanceRecord> RunUntilEndAsync(string definitionId)
    {
        var instance = (await Host.Runtime.StartAsync(definitionId, null, null))!;
        for (var round = 0; instance.Status != WorkflowStatus.Finished && round < 20; round++)
        {
            var bookmarks = (await Host.ViewAsync(instance.Id))["bookmarks"]!.AsArray();
            if (bookmarks.Count == 0)
                break;
            foreach (var bookmark in bookmarks)
                instance = (await Host.Runtime.ResumeAsync(bookmark!["id"]!.GetValue<string>(), null)) ?? instance;
        }
        return (await Host.Instances.FindAsync(instance.Id))!;
    }

    /// <summary>Lines of an instance and of the sub-processes it started, in the order written (Elsa captures them in one writer).</summary>
    async Task<List<string>> AllLinesAsync(string instanceId)
    {
        var lines = new List<string>();
        foreach (var entry in (await Host.ViewAsync(instanceId))["journal"]!.AsArray())
        {
            if (entry!["data"]?["text"] is JsonValue text && entry["activityType"]?.GetValue<string>() == "Elsa.WriteLine" && entry["event"]?.GetValue<string>() == "Completed")
                lines.Add(text.GetValue<string>());
            if (entry["data"]?["childInstanceId"] is JsonValue child && entry["event"]?.GetValue<string>() is "Completed" or "Suspended")
            {
                foreach (var line in await AllLinesAsync(child.GetValue<string>()))
                {
                    if (!lines.Contains(line))
                        lines.Add(line);
                }
            }
        }
        return lines;
    }

    [Theory]
    [InlineData("workflow1.json")]
    [InlineData("workflow2.json")]
    [InlineData("workflow3.json")]
    [InlineData("workflow4.json")]
    [InlineData("workflow5.json")]
    [InlineData("workflow6.json")]
    public async Task FlowchartCompletion_EveryWorkflowFinishes(string file)
    {
        var instance = await RunUntilEndAsync(await ImportAsync($"FlowchartCompletion/{file}"));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task FlowchartCompletion_ParallelForEachOverFruit_WritesEachWithItsCurrentValue()
    {
        var instance = await RunUntilEndAsync(await ImportAsync("FlowchartCompletion/workflow6.json"));

        var lines = await Host.WrittenLinesAsync(instance.Id);
        Assert.Equal("Start", lines[0]);
        Assert.Equal(["Current fruit: Apple", "Current fruit: Banana", "Current fruit: Cherry"], lines[1..^1].Order(StringComparer.Ordinal));
        Assert.Equal("End", lines[^1]);
    }

    [Fact]
    public async Task ExplicitJoins_JoinAll2_WithFlowNodes_WaitsForBothLines()
    {
        var instance = await RunUntilEndAsync(await ImportAsync("ExplicitJoins/join-all-2.json"));

        var lines = await Host.WrittenLinesAsync(instance.Id);
        Assert.Equal(["Start", "End"], [lines[0], lines[^1]]);
        Assert.Equal(["Line 1", "Line 2"], lines[1..^1].Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task JoinBehaviors_ParallelForEachWithAJoinInItsBody_CompletesOnce_TokenBased()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", "JoinBehaviors/parallel-join.json"));
        var definition = JsonNode.Parse(text)!.AsObject();
        // Elsa's test sets the token-based mode as a run option; here it is the definition's custom property.
        definition["customProperties"]!["Flowchart:ExecutionMode"] = "TokenBased";
        var result = await Host.Definitions.ImportAsync(definition.ToJsonString(), publish: true);
        Assert.True(result.IsPublished, string.Join("; ", result.Errors.Select(e => e.Message)));

        var instance = await RunUntilEndAsync(result.DefinitionId!);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Single(await Host.JournalAsync(instance.Id), e => e == "70fc1183cd5800f2:Completed");
    }

    [Fact]
    public async Task JoinBehaviors_ParallelForEachWithAJoinInItsBody_CompletesOnce_CounterBased()
    {
        var instance = await RunUntilEndAsync(await ImportAsync("JoinBehaviors/parallel-join.json"));

        Assert.Single(await Host.JournalAsync(instance.Id), e => e == "70fc1183cd5800f2:Completed");
    }

    [Theory]
    [InlineData("writeline.json", new[] { "Dummy Text" })]
    [InlineData("implicit-loop.json", new[] { "Do something", "Retry", "Do something", "Done" })]
    public async Task ImportAndExecute_WritesWhatElsaExpects(string file, string[] expected)
    {
        var instance = await RunUntilEndAsync(await ImportAsync($"ImportAndExecute/{file}"));

        Assert.Equal(expected, await Host.WrittenLinesAsync(instance.Id));
    }

    [Theory]
    [InlineData("BasicWorkflows/hello-world.json", new[] { "Hello World!" })]
    [InlineData("WorkflowCompletion/hello-world.json", new[] { "Hello World!" })]
    [InlineData("WorkflowCompletion/fork.json", new[] { "One", "Two", "Three" })]
    public async Task ComponentScenarios_FinishWithTheirLines(string file, string[] expected)
    {
        var instance = await RunUntilEndAsync(await ImportAsync(file));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(expected, await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task JsonObjectSerialization_UserObjectsWithDollarId_RunAndTheStateReadsBack()
    {
        var instance = await RunUntilEndAsync(await ImportAsync("JsonObjectSerialization/instance-serialization.json"));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.NotNull(WorkflowState.Deserialize(instance.StateJson));
    }

    [Theory]
    [InlineData("input-output-logging-1.json", new[] { true, false, true, false })]
    [InlineData("input-output-logging-2.json", new[] { true, false, true, false })]
    public async Task LogPersistenceModes_DecideWhichWriteLineTextsTheJournalKeeps(string file, bool[] kept)
    {
        var instance = await RunUntilEndAsync(await ImportAsync($"LogPersistenceModes/{file}"));

        var completed = (await Host.ViewAsync(instance.Id))["journal"]!.AsArray()
            .Where(e => e!["activityType"]!.GetValue<string>() == "Elsa.WriteLine" && e["event"]!.GetValue<string>() == "Completed").ToList();
        Assert.Equal(kept, completed.Select(e => e!["data"]?["text"] is not null));
    }

    [Fact]
    public async Task ExecuteWorkflow_WithoutWaiting_RunsTheChild_AndGoesOn()
    {
        await ImportAsync("ExecuteWorkflow/child-workflow.json");
        var instance = await RunUntilEndAsync(await ImportAsync("ExecuteWorkflow/parent-no-wait.json"));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        var lines = await AllLinesAsync(instance.Id);
        Assert.Contains("Parent: Before child", lines);
        Assert.Contains("Child: Executing", lines);
        Assert.Contains("Parent: After child", lines);
        var child = (await Host.Instances.QueryAsync(new InstanceQuery("child-workflow", null, null, null, 1, 10))).Items.Single();
        Assert.Equal(instance.Id, child.ParentInstanceId);
    }

    [Fact]
    public async Task ExecuteWorkflow_WithWaiting_WritesParentChildParent()
    {
        await ImportAsync("ExecuteWorkflow/child-workflow.json");
        var instance = await RunUntilEndAsync(await ImportAsync("ExecuteWorkflow/parent-with-wait.json"));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["Parent: Before child", "Child: Executing", "Parent: After child"], await AllLinesAsync(instance.Id));
    }

    [Fact]
    public async Task ExecuteWorkflow_PassesInput_CapturesOutput_AndSetsTheCorrelationId()
    {
        await ImportAsync("ExecuteWorkflow/child-workflow.json");
        await ImportAsync("ExecuteWorkflow/child-with-input.json");
        await ImportAsync("ExecuteWorkflow/child-with-output.json");

        var withInput = await RunUntilEndAsync(await ImportAsync("ExecuteWorkflow/parent-with-input.json"));
        var capture = await RunUntilEndAsync(await ImportAsync("ExecuteWorkflow/parent-capture-output.json"));
        var correlation = await RunUntilEndAsync(await ImportAsync("ExecuteWorkflow/parent-with-correlation.json"));

        Assert.Contains("Child received: Hello from parent", await AllLinesAsync(withInput.Id));
        var captured = await AllLinesAsync(capture.Id);
        Assert.Contains("Child output: 42", captured);
        Assert.Contains("Parent received: 42", captured);
        Assert.Equal(WorkflowStatus.Finished, correlation.Status);
        var child = (await Host.Instances.QueryAsync(new InstanceQuery("child-workflow", null, null, null, 1, 10))).Items.Single();
        Assert.Equal("test-correlation-123", child.CorrelationId);
    }
}
