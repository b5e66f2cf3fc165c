using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Activities;

public sealed class ExecuteWorkflowTests : EngineTest
{
    static JsonObject Execute(string id, string definitionId, bool wait) => Activity(id, "Elsa.ExecuteWorkflow",
        ("workflowDefinitionId", Literal(definitionId, "String")),
        ("input", Literal(new JsonObject { ["Applicant"] = "李四" }, "Object")),
        ("waitForCompletion", Literal(wait, "Boolean")),
        ("result", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "child-id" } }));

    [Fact]
    public async Task ChildFinishingInSameBurst_ReturnsStatusAndOutput()
    {
        await Host.PublishAsync(Definition("child-quick",
            [Activity("o", "Elsa.SetOutput", ("outputName", Literal("Greeting", "String")), ("outputValue", Js("'你好，' + getInput('Applicant')")))], [], inputs: ["Applicant"]));
        var parent = Definition("parent-quick", [Execute("run", "child-quick", wait: true), Activity("w", "Elsa.WriteLine", ("text", Js("getChild().subStatus + '/' + getChild().output.Greeting", "String")))],
            [("run", "Done", "w")], [Variable("Child", "Object")]);

        var instance = await Host.RunAsync(parent);

        Assert.Equal(["Finished/你好，李四"], await Host.WrittenLinesAsync(instance.Id));
        var child = JsonNode.Parse((await Host.Instances.FindAsync(instance.Id))!.StateJson)!["variables"]!["Child"]!;
        Assert.Equal("Finished", child["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(child["workflowInstanceId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WaitingChild_ResumesParentWithItsOutput_AfterHostRestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        string parentId;
        await using (var first = await WorkflowTestHost.CreateAsync(folder: folder))
        {
            await first.PublishAsync(Definition("child-slow",
                [Event("sign", "CommitmentSigned"), Activity("o", "Elsa.SetOutput", ("outputName", Literal("Signed", "String")), ("outputValue", Literal(true, "Boolean")))],
                [("sign", "Done", "o")]));
            var parent = await first.RunAsync(Definition("parent-slow",
                [Execute("run", "child-slow", wait: true), Activity("w", "Elsa.WriteLine", ("text", Js("'signed=' + getChild().Signed", "String")))],
                [("run", "Done", "w")], [Variable("Child", "Object")]), correlationId: "CASE-5");
            Assert.Equal(WorkflowSubStatus.Suspended, parent.SubStatus);
            parentId = parent.Id;
        }

        await using var second = await WorkflowTestHost.CreateAsync(folder: folder);
        var resumed = await second.Runtime.TriggerEventAsync("CommitmentSigned", "CASE-5", null, null);

        Assert.Single(resumed);
        Assert.NotEqual(parentId, resumed[0]);
        Assert.Equal(["signed=true"], await second.WrittenLinesAsync(parentId));
        Assert.Equal(WorkflowSubStatus.Finished, (await second.Instances.FindAsync(parentId))!.SubStatus);
    }

    [Fact]
    public async Task FireAndForgetChild_ParentContinuesAtOnce()
    {
        await Host.PublishAsync(Definition("child-waits", [Event("e", "Never")], []));

        var instance = await Host.RunAsync(Definition("parent-nowait", [Execute("run", "child-waits", wait: false), WriteLine("w", "continued")], [("run", "Done", "w")], [Variable("Child", "Object")]));

        Assert.Equal(["continued"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task UnpublishedChild_FaultsParentClearly()
    {
        var instance = await Host.RunAsync(Definition("parent-missing", [Execute("run", "nobody", wait: true)], [], [Variable("Child", "Object")]));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Contains("nobody", Assert.Single(await Host.Instances.GetIncidentsAsync(instance.Id)).Message);
    }
}
