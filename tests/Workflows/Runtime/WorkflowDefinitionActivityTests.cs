using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Runtime;

/// <summary>
/// Definitions used as activities (Elsa's <c>WorkflowDefinitionActivity</c>), with the definitions of Elsa's own scenarios
/// (tests/Workflows/Fixtures/Elsa3/&lt;Scenario&gt;), each asserting what Elsa's test of the scenario asserts.
/// </summary>
public sealed class WorkflowDefinitionActivityTests : EngineTest
{
    static string FixturePath(string scenario, string file = "") => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", scenario, file);

    async Task<ImportResult> ImportAsync(string scenario, string file, bool publish = true)
    {
        var result = await Host.Definitions.ImportAsync(await File.ReadAllTextAsync(FixturePath(scenario, file)), publish);
        if (publish)
            Assert.True(result.IsPublished, $"{file}: " + string.Join("; ", result.Errors.Select(e => e.Message)));
        return result;
    }

    /// <summary>Elsa's <c>WithWorkflowsFromDirectory</c>: every file of the scenario, through the start-up importer.</summary>
    async Task ImportFolderAsync(string scenario)
    {
        var imported = await Host.Services.GetRequiredService<DefinitionFolderImporter>().ImportAsync(FixturePath(scenario));
        Assert.Equal(Directory.GetFiles(FixturePath(scenario), "*.json").Length, imported.Count);
    }

    async Task<WorkflowInstanceRecord> RunAsync(string definitionId, JsonObject? input = null)
    {
        var started = await Host.Runtime.StartAsync(definitionId, input, null);
        Assert.NotNull(started);
        return (await Host.Instances.FindAsync(started.Id))!;
    }

    /// <summary>The lines written by an instance and the sub-processes it ran, in the order they were written.</summary>
    async Task<List<string>> LinesOfTreeAsync(string instanceId)
    {
        var lines = new List<string>();
        var visited = new HashSet<string>();
        await Collect(instanceId);
        return lines;

        async Task Collect(string id)
        {
            visited.Add(id);
            foreach (var entry in await Host.Instances.GetJournalAsync(id))
            {
                var data = JsonNode.Parse(entry.DataJson);
                if (data?["childInstanceId"]?.GetValue<string>() is { } child && visited.Add(child))
                    await Collect(child);
                if (entry.ActivityType == "Elsa.WriteLine" && entry.Event == "Completed")
                    lines.Add(data!["text"]!.GetValue<string>());
            }
        }
    }

    [Theory]
    [InlineData("parent-with-input", "Hello from parent!")]
    [InlineData("parent-with-output", "Received from child: Child output value")]
    [InlineData("parent-with-outcomes", "Success path taken")]
    [InlineData("parent-version-fallback", "Published version executed")]
    public async Task WorkflowDefinitionActivities_RunAsElsaAsserts(string definitionId, string expectedLine)
    {
        await ImportFolderAsync("WorkflowDefinitionActivities");

        var instance = await RunAsync(definitionId);

        Assert.Contains(expectedLine, await LinesOfTreeAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task WorkflowDefinitionActivities_OutcomeOfChildPicksThePort()
    {
        await ImportFolderAsync("WorkflowDefinitionActivities");

        var instance = await RunAsync("parent-with-outcomes");

        Assert.DoesNotContain("Failed path taken", await LinesOfTreeAsync(instance.Id));
        Assert.Contains("ChildActivity1:Completed", await Host.JournalAsync(instance.Id));
        var completed = (await Host.Instances.GetJournalAsync(instance.Id)).Single(j => j.ActivityId == "ChildActivity1" && j.Event == "Completed");
        Assert.Equal("[\"Success\"]", completed.OutcomesJson);
    }

    [Fact]
    public async Task ParentChildOutputMapping_Sum_ResultIs9()
    {
        await ImportAsync("ParentChildOutputMapping", "sum.json");
        var calculator = await ImportAsync("ParentChildOutputMapping", "calculator.json");

        var instance = await RunAsync(calculator.DefinitionId!);

        Assert.Equal(["Result: 9"], await LinesOfTreeAsync(instance.Id));
    }

    [Fact]
    public async Task ParentChildOutputMapping_SameOutputNamesInNestedChildren_FooBar()
    {
        foreach (var file in new[] { "a.json", "b.json", "c.json" })
            await ImportAsync("ParentChildOutputMapping", file);
        var d = await ImportAsync("ParentChildOutputMapping", "d.json");

        var instance = await RunAsync(d.DefinitionId!);

        Assert.Equal(["FooBar"], await LinesOfTreeAsync(instance.Id));
    }

    [Fact]
    public async Task ParentChildOutputMapping_SetOutputInChild_Foo()
    {
        await ImportAsync("ParentChildOutputMapping", "producer.json");
        var consumer = await ImportAsync("ParentChildOutputMapping", "consumer.json");

        var instance = await RunAsync(consumer.DefinitionId!);

        Assert.Equal(["Foo"], await LinesOfTreeAsync(instance.Id));
    }

    [Theory]
    [InlineData("parent1.json", "Child: Bar")]
    [InlineData("parent2.json", "Child: Foo")]
    public async Task ParentChildInputs_ChildSeesTheActivityInputNotTheParentsInput(string parentFile, string childLine)
    {
        await ImportAsync("ParentChildInputs", "child.json");
        var parent = await ImportAsync("ParentChildInputs", parentFile);

        var instance = await RunAsync(parent.DefinitionId!, new JsonObject { ["Input1"] = "Foo" });

        Assert.Equal(["Parent: Foo", childLine], await LinesOfTreeAsync(instance.Id));
    }

    [Fact]
    public async Task ParentChildCompletion_ParentFinishes_ThroughTheChildsSuccessOutcome()
    {
        // The parent names a definition id and version that do not exist: the activity is found by its type name (SubworkflowTest).
        await ImportAsync("ParentChildCompletion", "child.json");
        var parent = await ImportAsync("ParentChildCompletion", "parent.json");

        var instance = await RunAsync(parent.DefinitionId!);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        var lines = await LinesOfTreeAsync(instance.Id);
        Assert.Contains("Success", lines);
        Assert.DoesNotContain("Failure", lines);
    }

    [Fact]
    public async Task DependencyWorkflows_NestedDefinitions_WriteNineAtoms()
    {
        // The files come in name order (matter before molecule) and in older shapes: a top-level usableAsActivity, flat connections.
        await ImportFolderAsync("DependencyWorkflows");

        var instance = await RunAsync("matter-workflow");

        Assert.Equal(Enumerable.Repeat("Atom", 9), await LinesOfTreeAsync(instance.Id));
    }

    [Fact]
    public async Task DependencyWorkflowsPublishing_PublishingTheChild_PointsTheParentDraftAtTheNewVersion()
    {
        await ImportAsync("DependencyWorkflowsPublishing", "child.json");
        await ImportAsync("DependencyWorkflowsPublishing", "parent.json", publish: false);
        Assert.Equal(1, ChildNode(await Host.Definitions.FindAsync("parent", VersionSelector.Latest))["version"]!.GetValue<int>());

        var childV2 = await ImportAsync("DependencyWorkflowsPublishing", "child.json");

        Assert.Equal(2, childV2.Version);
        var parent = await Host.Definitions.FindAsync("parent", VersionSelector.Latest);
        Assert.False(parent!.IsPublished);
        var node = ChildNode(parent);
        Assert.Equal(2, node["version"]!.GetValue<int>());
        Assert.Equal((await Host.Definitions.FindAsync("child", VersionSelector.Published))!.Id, node["workflowDefinitionVersionId"]!.GetValue<string>());

        static JsonObject ChildNode(WorkflowDefinitionRecord? record) =>
            JsonNode.Parse(record!.Json)!["root"]!["activities"]!.AsArray().OfType<JsonObject>().Single(a => a["workflowDefinitionId"]?.GetValue<string>() == "child");
    }

    [Fact]
    public async Task CompositesAndOutcomes_CompleteInsideANestedDefinition_DoesNotCascade()
    {
        await ImportFolderAsync("CompositesAndOutcomes");

        var instance = await RunAsync("tester");

        Assert.Equal(["Start", "End"], await LinesOfTreeAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task InputOutput_ProviderDraftEchoesItsInput_IntoTheConsumersVariable()
    {
        // The provider is a draft and the consumer names a version id that does not exist: Provider v1 is found by type and version.
        await ImportAsync("InputOutput", "provider.json", publish: false);
        var consumer = await ImportAsync("InputOutput", "consumer.json");

        var instance = await RunAsync(consumer.DefinitionId!);

        Assert.Equal("Hello World!", (await Host.VariableAsync(instance.Id, "Variable1"))!.GetValue<string>());
    }

    [Fact]
    public async Task WorkflowReferenceGraph_ConsumersAreDirectAndTransitive()
    {
        foreach (var file in new[] { "refgraph-grandchild.json", "refgraph-child.json", "refgraph-parent.json" })
            await ImportAsync("WorkflowReferenceGraph", file);

        Assert.Equal(["refgraph-child", "refgraph-parent"], (await Host.Definitions.FindConsumersAsync("refgraph-grandchild"))!.Order());
        Assert.Empty((await Host.Definitions.FindConsumersAsync("refgraph-parent"))!);
        Assert.Null(await Host.Definitions.FindConsumersAsync("refgraph-unknown-definition"));
        var instance = await RunAsync("refgraph-parent");
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task WorkflowJsonStructures_ExportDoesNotEmbedTheChild_AndBothSubsRun()
    {
        await ImportAsync("WorkflowJsonStructures", "sub.json");
        var main = await ImportAsync("WorkflowJsonStructures", "main.json");

        var exported = WorkflowDefinitionService.Export((await Host.Definitions.FindAsync(main.DefinitionId!, VersionSelector.Latest))!);
        Assert.Null(exported["root"]!["activities"]![0]!["root"]);
        var instance = await RunAsync(main.DefinitionId!);
        Assert.Equal(["Test", "Test"], await LinesOfTreeAsync(instance.Id));
    }

    [Fact]
    public async Task LogPersistence_WorkflowActivityJournalsBothOutputs()
    {
        await ImportAsync("LogPersistenceModes", "input-output-logging-3-child.json");
        await ImportAsync("LogPersistenceModes", "input-output-logging-3.json");

        var instance = await RunAsync("input-output-logging-3");

        var completed = (await Host.Instances.GetJournalAsync(instance.Id)).Single(j => j.ActivityId == "6bf4016d6074831f" && j.Event == "Completed");
        var outputs = JsonNode.Parse(completed.DataJson)!["outputs"]!;
        Assert.Equal("Output value 1", outputs["Output1"]!.GetValue<string>());
        Assert.Equal("Output value 2", outputs["Output2"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConsumerPublishedBeforeItsProvider_IsRefused_NamingTheProvider()
    {
        var parent = await Host.Definitions.ImportAsync(await File.ReadAllTextAsync(FixturePath("WorkflowDefinitionActivities", "parent-with-input.json")), publish: true);

        Assert.False(parent.IsPublished);
        var problem = Assert.Single(parent.Errors, e => e.Code == DefinitionProblem.UnknownActivityType);
        Assert.Equal("ChildActivity1", problem.ActivityId);
        Assert.Contains("ChildWithInput", problem.Message);
        Assert.Contains("d0ae88e4c15eacc0", problem.Message);

        await ImportAsync("WorkflowDefinitionActivities", "child-with-input.json");
        Assert.Empty((await Host.Definitions.PublishAsync("parent-with-input")).Errors);
    }

    [Fact]
    public async Task Registry_DescribesPublishedDefinitionsForTheToolbox()
    {
        await ImportAsync("ParentChildOutputMapping", "sum.json");
        await ImportAsync("InputOutput", "provider.json", publish: false);
        var registry = Host.Services.GetRequiredService<ActivityRegistry>();

        var sum = Assert.Single(registry.Descriptors, d => d.TypeName == "Sum");
        Assert.Equal("Custom", sum.Category);
        Assert.Equal(["a", "b"], sum.Inputs.Select(i => i.Name));
        Assert.All(sum.Inputs, i => Assert.Equal("singleline", i.Info.UIHint));
        Assert.Equal(typeof(int), sum.Inputs[0].ValueType);
        Assert.Equal(["result"], sum.Outputs.Select(o => o.Name));
        Assert.Equal(new WorkflowActivityReference("P4X-srRSDUeKpFHiDXMW-w", "E02197RyVk6VyofGoO6YJQ", 1), sum.Workflow);
        // A draft is known to consumers but not offered in the toolbox (Elsa: not browsable).
        Assert.DoesNotContain(registry.Descriptors, d => d.TypeName == "Provider");
        Assert.NotNull(registry.Find("Provider"));
    }

    [Fact]
    public async Task Registry_DefaultCategoryIsWorkflowModules_AndRetractingRemovesFromToolbox()
    {
        await ImportAsync("WorkflowJsonStructures", "sub.json");
        var registry = Host.Services.GetRequiredService<ActivityRegistry>();
        Assert.Equal("流程模块", Assert.Single(registry.Descriptors, d => d.TypeName == "Sub").Category);

        await Host.Definitions.RetractAsync("497be45e7d647e8f");

        Assert.DoesNotContain(registry.Descriptors, d => d.TypeName == "Sub");
    }

    [Fact]
    public async Task WaitingChild_ParentResumesAfterHostRestart_WithTheChildsOutputAndOutcome()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        string parentId;
        await using (var first = await WorkflowTestHost.CreateAsync(folder: folder))
        {
            var signer = Definition("signer",
                [Event("wait", "Signed"), Activity("out", "Elsa.SetOutput", ("outputName", Literal("SignedBy", "String")), ("outputValue", Js("getSigner()"))),
                 Activity("done", "Elsa.Complete", ("outcomes", Literal(new JsonArray("Approved"), "Object")))],
                [("wait", "Done", "out"), ("out", "Done", "done")], inputs: ["Signer"]);
            signer["name"] = "Signer";
            signer["outputs"] = new JsonArray(new JsonObject { ["name"] = "SignedBy", ["type"] = "String" });
            signer["outcomes"] = new JsonArray("Approved", "Rejected");
            signer["options"] = new JsonObject { ["usableAsActivity"] = true };
            await first.PublishAsync(signer);
            var parent = Definition("parent-waits",
                [Activity("sign", "Signer", ("workflowDefinitionId", "signer"), ("signer", Literal("张三", "String")),
                    ("signedBy", new JsonObject { ["typeName"] = "String", ["memoryReference"] = new JsonObject { ["id"] = "Who" } })),
                 Activity("yes", "Elsa.WriteLine", ("text", Js("'approved by ' + getWho()", "String"))), WriteLine("no", "rejected")],
                [("sign", "Approved", "yes"), ("sign", "Rejected", "no")], [Variable("Who", "String")]);
            var started = await first.RunAsync(parent, correlationId: "CASE-9");
            Assert.Equal(WorkflowSubStatus.Suspended, started.SubStatus);
            parentId = started.Id;
        }

        await using var second = await WorkflowTestHost.CreateAsync(folder: folder);
        var resumed = await second.Runtime.TriggerEventAsync("Signed", "CASE-9", null, null);

        Assert.Single(resumed);
        Assert.NotEqual(parentId, resumed[0]);
        Assert.Equal(["approved by 张三"], await second.WrittenLinesAsync(parentId));
        Assert.Equal(WorkflowSubStatus.Finished, (await second.Instances.FindAsync(parentId))!.SubStatus);
        var child = Assert.Single(await second.Instances.GetChildrenAsync(parentId));
        Assert.Equal(resumed[0], child.Id);
    }

    [Fact]
    public async Task FaultingChild_FaultsTheParentActivity_NamingIt()
    {
        var failing = Definition("failing", [Activity("f", "Elsa.Fault", ("message", Literal("坏了", "String")))], []);
        failing["name"] = "Failing Step";
        failing["options"] = new JsonObject { ["usableAsActivity"] = true };
        await Host.PublishAsync(failing);
        var parentDefinition = Definition("parent-of-failing", [Activity("step", "FailingStep", ("name", "审查"))], []);

        var parent = await Host.RunAsync(parentDefinition);

        Assert.Equal(WorkflowSubStatus.Faulted, parent.SubStatus);
        Assert.Contains("审查", Assert.Single(await Host.Instances.GetIncidentsAsync(parent.Id)).Message);
    }

    [Fact]
    public async Task WorkflowDefinitionActivities_ASingleWorkflowActivityAsTheRoot_Runs()
    {
        await ImportFolderAsync("WorkflowDefinitionActivities");

        var instance = await RunAsync("parent-with-io");

        Assert.Equal(["Test message"], await LinesOfTreeAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    static JsonObject Provider(string text, string inputName = "Note")
    {
        var provider = Definition("provider", [Activity("w", "Elsa.WriteLine", ("text", Js($"'{text}:' + getInput('{inputName}')", "String")))], [], inputs: [inputName]);
        provider["name"] = "Provider Step";
        provider["options"] = new JsonObject { ["usableAsActivity"] = true };
        return provider;
    }

    [Fact]
    public async Task PinnedVersionGone_ThePublishedVersionRuns()
    {
        await Host.PublishAsync(Provider("v1"));
        var draft = await Host.Definitions.ImportAsync(Provider("v2").ToJsonString(), publish: false);
        var v2 = (await Host.Definitions.FindAsync("provider", VersionSelector.Latest))!;
        Assert.Equal(2, v2.Version);
        await Host.PublishAsync(Definition("pinned", [Activity("p", "ProviderStep", ("workflowDefinitionId", "provider"), ("workflowDefinitionVersionId", v2.Id),
            ("note", Literal("x", "String")))], []));
        var pinned = (WorkflowDefinitionActivity)(await Host.Definitions.GetPublishedModelAsync("pinned"))!.Activities["p"];
        Assert.Equal(v2.Id, pinned.WorkflowDefinitionVersionId);

        Assert.Null((await Host.Definitions.DeleteDraftAsync("provider")).Refusal);

        Assert.Equal(["v1:x"], await LinesOfTreeAsync((await RunAsync("pinned")).Id));
        Assert.Equal(2, draft.Version);
    }

    [Fact]
    public async Task InputNamedLikeAnActivityProperty_IsWrittenWithAnUnderscore_AsElsaDoes()
    {
        await Host.PublishAsync(Provider("named", inputName: "Name"));
        var registry = Host.Services.GetRequiredService<ActivityRegistry>();
        Assert.Equal(["_Name"], registry.Find("ProviderStep")!.Inputs.Select(i => i.Name));

        await Host.PublishAsync(Definition("uses-name", [Activity("p", "ProviderStep", ("workflowDefinitionId", "provider"), ("_Name", Literal("李四", "String")))], []));

        Assert.Equal(["named:李四"], await LinesOfTreeAsync((await RunAsync("uses-name")).Id));
    }

    /// <summary>Elsa's SaveWorkflowTests (WorkflowActivities): which saved definitions the registry knows, and which the toolbox offers.</summary>
    [Theory]
    [InlineData("Save1", true, true, true, true)]
    [InlineData("Save2", true, false, true, false)]
    [InlineData("Save3", false, true, false, false)]
    [InlineData("Save4", false, false, false, false)]
    public async Task SavedDefinition_IsInTheRegistry_WhenUsableAsActivity_AndBrowsableWhenPublished(string name, bool usableAsActivity, bool publish, bool expectedInRegistry, bool isBrowsable)
    {
        var definition = Definition(name.ToLowerInvariant(), [WriteLine("w", name)], []);
        definition["name"] = name;
        definition["options"] = new JsonObject { ["usableAsActivity"] = usableAsActivity, ["autoUpdateConsumingWorkflows"] = true };
        await Host.Definitions.ImportAsync(definition.ToJsonString(), publish);
        var registry = Host.Services.GetRequiredService<ActivityRegistry>();

        Assert.Equal(expectedInRegistry, registry.Find(name) is not null);
        Assert.Equal(isBrowsable, registry.Descriptors.Any(d => d.TypeName == name));
    }

    /// <summary>Elsa's DeleteWorkflowTests: a deleted definition is no longer an activity type.</summary>
    [Fact]
    public async Task DeletedDefinition_LeavesTheRegistry()
    {
        var definition = Definition("delete-me", [WriteLine("w", "x")], []);
        definition["name"] = "Delete Me";
        definition["options"] = new JsonObject { ["usableAsActivity"] = true };
        await Host.Definitions.ImportAsync(definition.ToJsonString(), publish: false);
        var registry = Host.Services.GetRequiredService<ActivityRegistry>();
        Assert.NotNull(registry.Find("DeleteMe"));

        Assert.Null((await Host.Definitions.DeleteDraftAsync("delete-me")).Refusal);

        Assert.Null(registry.Find("DeleteMe"));
    }
}
