using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Activities;

/// <summary>Elsa's structured activities: composites that hold their children in their JSON, nested in flowcharts and flowcharts in them.</summary>
public sealed class StructuredActivityTests : EngineTest
{
    static JsonObject Root(string definitionId, JsonObject root, IEnumerable<JsonObject>? variables = null, IEnumerable<string>? inputs = null)
    {
        var definition = Definition(definitionId, [], [], variables, inputs);
        definition["root"] = root;
        return definition;
    }

    static JsonObject Sequence(string id, params JsonObject[] activities) => Activity(id, "Elsa.Sequence", ("activities", new JsonArray([.. activities])));

    static JsonObject Body(string id, string type, JsonObject body, params (string Key, JsonNode? Value)[] inputs)
    {
        var activity = Activity(id, type, inputs);
        activity["body"] = body;
        return activity;
    }

    [Fact]
    public async Task Sequence_AsTheRoot_RunsItsActivitiesInOrder_AndFinishes()
    {
        var instance = await Host.RunAsync(Root("seq", Sequence("s", WriteLine("a", "一"), WriteLine("b", "二"), WriteLine("c", "三"))));

        Assert.Equal(["一", "二", "三"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Contains("s:Completed", await Host.JournalAsync(instance.Id));
    }

    [Fact]
    public async Task Sequence_WaitsOnAChild_AcrossARestart_ThenGoesOn()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        string id;
        await using (var first = await WorkflowTestHost.CreateAsync(folder: folder))
        {
            var started = await first.RunAsync(Root("seq-wait", Sequence("s", WriteLine("a", "前"), Event("wait", "送达"), WriteLine("b", "后"))), correlationId: "C-7");
            id = started.Id;
            Assert.Equal(WorkflowSubStatus.Suspended, started.SubStatus);
        }
        await using var second = await WorkflowTestHost.CreateAsync(folder: folder);

        Assert.Equal([id], await second.Runtime.TriggerEventAsync("送达", "C-7", null, null));

        Assert.Equal(["前", "后"], await second.WrittenLinesAsync(id));
        Assert.Equal(WorkflowSubStatus.Finished, (await second.Instances.FindAsync(id))!.SubStatus);
    }

    [Theory]
    [InlineData(50000, "高额")]
    [InlineData(500, "普通")]
    public async Task If_RunsThenOrElse_AndGivesTheConditionAsResult(int amount, string expected)
    {
        var check = Activity("if", "Elsa.If", ("condition", Js("getInput('Amount') > 10000", "Boolean")));
        check["then"] = WriteLine("t", "高额");
        check["else"] = WriteLine("e", "普通");
        var instance = await Host.RunAsync(Root("if", Sequence("s", check, WriteLine("after", "完")), inputs: ["Amount"]), new JsonObject { ["Amount"] = amount });

        Assert.Equal([expected, "完"], await Host.WrittenLinesAsync(instance.Id));
        var journal = await Host.JournalAsync(instance.Id);
        Assert.Contains(expected == "高额" ? "t:Started" : "e:Started", journal);
        Assert.DoesNotContain(expected == "高额" ? "e:Started" : "t:Started", journal);
    }

    [Fact]
    public async Task While_RepeatsTheBody_WhileTheConditionHolds()
    {
        var loop = Body("w", "Elsa.While", Activity("inc", "Elsa.RunJavaScript", ("script", Js("setN(getN() + 1)"))), ("condition", Js("getN() < 4", "Boolean")));
        var instance = await Host.RunAsync(Root("while", Sequence("s", loop, Activity("out", "Elsa.WriteLine", ("text", Js("'N=' + getN()", "String")))),
            [Variable("N", "Int32", 0)]));

        Assert.Equal(["N=4"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Theory]
    [InlineData(1, 3, 1, true, "1,2,3")]
    [InlineData(1, 3, 1, false, "1,2")]
    [InlineData(10, 4, -3, true, "10,7,4")]
    public async Task For_CountsFromStartToEnd_ByStep(int start, int end, int step, bool inclusive, string expected)
    {
        var loop = Body("for", "Elsa.For", Activity("w", "Elsa.WriteLine", ("text", Js("'' + getCurrentValue()", "String"))),
            ("start", Literal(start, "Int32")), ("end", Literal(end, "Int32")), ("step", Literal(step, "Int32")), ("outerBoundInclusive", Literal(inclusive, "Boolean")));
        var instance = await Host.RunAsync(Root($"for-{start}-{end}-{step}-{inclusive}", loop));

        Assert.Equal(expected, string.Join(",", await Host.WrittenLinesAsync(instance.Id)));
    }

    [Fact]
    public async Task ForEach_RunsTheBodyPerItem_WithCurrentValueAndIndex_AndItsOutputInAVariable()
    {
        var loop = Body("each", "Elsa.ForEach", Activity("w", "Elsa.WriteLine", ("text", Js("getCurrentIndex() + ':' + getVariable('CurrentValue')", "String"))),
            ("items", Js("['申请人', '被申请人', '第三人']", "Object[]")));
        loop["currentValue"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "last-id" } };
        var instance = await Host.RunAsync(Root("foreach", loop, [Variable("Last", "Object")]));

        Assert.Equal(["0:申请人", "1:被申请人", "2:第三人"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal("第三人", (await Host.VariableAsync(instance.Id, "Last"))!.GetValue<string>());
    }

    [Fact]
    public async Task Break_EndsTheNearestLoop_FromInsideANestedFlowchart()
    {
        var body = Flowchart("fc", [Decision("d", "getCurrentValue() == 3"), Activity("brk", "Elsa.Break"), Activity("w", "Elsa.WriteLine", ("text", Js("'' + getCurrentValue()", "String")))],
            [("d", "True", "brk"), ("d", "False", "w")]);
        var loop = Body("each", "Elsa.ForEach", body, ("items", Js("[1, 2, 3, 4, 5]", "Object[]")));
        var instance = await Host.RunAsync(Root("break", Sequence("s", loop, WriteLine("after", "循环后"))));

        Assert.Equal(["1", "2", "循环后"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task Switch_RunsTheFirstMatchingCase_OrEveryOne_OrTheDefault()
    {
        static JsonObject Switch(string id, string mode) => Activity(id, "Elsa.Switch",
            ("mode", Literal(mode, "Elsa.Workflows.Activities.SwitchMode, Elsa.Workflows.Core")),
            ("cases", new JsonArray(
                new JsonObject { ["label"] = "大额", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('Amount') > 100" }, ["activity"] = WriteLine($"{id}-big", "大额") },
                new JsonObject { ["label"] = "正数", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('Amount') > 0" }, ["activity"] = WriteLine($"{id}-pos", "正数") })),
            ("default", WriteLine($"{id}-def", "其他")));

        var first = await Host.RunAsync(Root("sw1", Sequence("s", Switch("a", "MatchFirst"), Switch("b", "MatchAny")), inputs: ["Amount"]), new JsonObject { ["Amount"] = 500 });
        var none = await Host.Runtime.StartAsync("sw1", new JsonObject { ["Amount"] = -1 }, null);

        Assert.Equal(["大额", "大额", "正数"], await Host.WrittenLinesAsync(first.Id));
        Assert.Equal(["其他", "其他"], await Host.WrittenLinesAsync(none!.Id));
    }

    [Fact]
    public async Task Parallel_RunsEveryBranch_AndCompletesWhenAllHave()
    {
        var parallel = Activity("p", "Elsa.Parallel", ("activities", new JsonArray(Event("a", "甲到"), Event("b", "乙到"))));
        var instance = await Host.RunAsync(Root("parallel", Sequence("s", parallel, WriteLine("after", "都到了"))), correlationId: "P-1");
        await Host.Runtime.TriggerEventAsync("甲到", "P-1", null, null);
        Assert.Empty(await Host.WrittenLinesAsync(instance.Id));

        await Host.Runtime.TriggerEventAsync("乙到", "P-1", null, null);

        Assert.Equal(["都到了"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, (await Host.Instances.FindAsync(instance.Id))!.SubStatus);
    }

    [Fact]
    public async Task Fork_WaitAny_CompletesWithTheFirstBranch_AndCancelsTheOthers()
    {
        var fork = Activity("f", "Elsa.Fork", ("joinMode", JsonValue.Create("WaitAny")), ("branches", new JsonArray(Event("a", "撤回"), Event("b", "缴费"))));
        var instance = await Host.RunAsync(Root("fork-any", Sequence("s", fork, WriteLine("after", "继续"))), correlationId: "F-1");

        await Host.Runtime.TriggerEventAsync("缴费", "F-1", null, null);

        Assert.Equal(["继续"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Contains("a:Cancelled", await Host.JournalAsync(instance.Id));
        Assert.Empty(await Host.Runtime.TriggerEventAsync("撤回", "F-1", null, null));
    }

    [Fact]
    public async Task StructuredActivities_NestInsideAFlowchart_AndItsPortsConnect()
    {
        var check = Activity("if", "Elsa.If", ("condition", Js("true", "Boolean")));
        check["then"] = Sequence("inner", WriteLine("x", "内一"), WriteLine("y", "内二"));
        var definition = Definition("nested", [WriteLine("a", "前"), check, WriteLine("b", "后")], [("a", "Done", "if"), ("if", "Done", "b")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["前", "内一", "内二", "后"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task FlowNode_RunsItsBody_AndAnEmptyOneGoesOn()
    {
        var node = Activity("n", "Elsa.FlowNode");
        node["body"] = WriteLine("inside", "容器内");
        var definition = Definition("flownode", [node, Activity("empty", "Elsa.FlowNode"), WriteLine("b", "后")], [("n", "Done", "empty"), ("empty", "Done", "b")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(["容器内", "后"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task ParallelForEach_EachIterationWaitsApart_WithItsOwnCurrentValue_AcrossARestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        var body = Sequence("serve", Activity("wait", "Elsa.Event", ("eventName", Js("'回证-' + getCurrentValue()", "String"))),
            Activity("w", "Elsa.WriteLine", ("text", Js("getCurrentIndex() + ':' + getCurrentValue()", "String"))));
        var loop = Body("each", "Elsa.ParallelForEach", body, ("items", Js("['甲', '乙', '丙']", "Object[]")));
        string id;
        await using (var first = await WorkflowTestHost.CreateAsync(folder: folder))
        {
            var started = await first.RunAsync(Root("pfe", Sequence("s", loop, WriteLine("after", "全部送达"))), correlationId: "S-1");
            id = started.Id;
            Assert.Equal(3, (await first.ViewAsync(id))["bookmarks"]!.AsArray().Count);
        }
        await using var second = await WorkflowTestHost.CreateAsync(folder: folder);

        await second.Runtime.TriggerEventAsync("回证-乙", "S-1", null, null);
        await second.Runtime.TriggerEventAsync("回证-丙", "S-1", null, null);
        Assert.Equal(["1:乙", "2:丙"], await second.WrittenLinesAsync(id));
        await second.Runtime.TriggerEventAsync("回证-甲", "S-1", null, null);

        Assert.Equal(["1:乙", "2:丙", "0:甲", "全部送达"], await second.WrittenLinesAsync(id));
        var journal = await second.JournalAsync(id);
        Assert.Single(journal, e => e == "each:Completed");
        Assert.Contains("serve#1:Completed", journal);
    }

    [Fact]
    public async Task A_FaultWhileASequenceIsToldOfItsChild_IsRetriedFromThere()
    {
        // Rounds one and two run; the third evaluation faults (N becomes 3); the retry evaluates again (N 4) and ends the loop.
        var loop = Body("w", "Elsa.While", WriteLine("x", "轮"),
            ("condition", Js("setN(getN() + 1); if (getN() == 3) throw new Error('条件出错'); getN() < 3", "Boolean")));
        var instance = await Host.RunAsync(Root("retry", Sequence("s", loop, WriteLine("after", "完")), [Variable("N", "Int32", 0)]));
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Equal(["轮", "轮"], await Host.WrittenLinesAsync(instance.Id));

        var retried = await Host.Runtime.RetryAsync(instance.Id, "w");

        Assert.Equal(["轮", "轮", "完"], await Host.WrittenLinesAsync(instance.Id));
        Assert.Equal(WorkflowSubStatus.Finished, retried!.SubStatus);
    }
}
