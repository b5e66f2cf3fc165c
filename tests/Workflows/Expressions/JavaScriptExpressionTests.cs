using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Expressions;

public sealed class JavaScriptExpressionTests : IAsyncLifetime
{
    WorkflowTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:Timeout"] = "00:00:05", ["Workflows:Scripts:MaxStatements"] = "5000" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Runs a one-line workflow that writes the script's value, and returns what it wrote.</summary>
    async Task<string> WriteAsync(string script, IEnumerable<JsonObject>? variables = null, JsonObject? input = null, string? correlationId = null)
    {
        var instance = await _host.RunAsync(Definition($"js-{Guid.NewGuid():N}", [Activity("w", "Elsa.WriteLine", ("text", Js(script, "String")))], [],
            variables, input?.Select(p => p.Key)), input, correlationId);
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        return Assert.Single(await _host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task TodayAndNow_AreBeijingTime_EvenBefore8InTheMorning()
    {
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 20, 30, 0, TimeSpan.Zero));

        Assert.Equal("2026-12-04|2026-12-04T04:30:00+08:00", await WriteAsync("today() + '|' + now()"));
        Assert.Equal("2026-12-03", await WriteAsync("new Date(Date.UTC(2026, 11, 3, 20, 30)).toISOString().substring(0, 10)"));
    }

    [Theory]
    [InlineData("var a = 1; a + 1", "2")]
    [InlineData("return 'early'; 'late'", "early")]
    [InlineData("getCounter() > 1", "true")]
    [InlineData("`n=${getCounter()}`", "n=5")]
    [InlineData("getVariable('Counter') * 2", "10")]
    [InlineData("variables.Counter + 1", "6")]
    [InlineData("isNullOrEmpty('') && isNullOrWhiteSpace('  ') && !isNullOrEmpty('x')", "true")]
    [InlineData("toJson({a: [1, 2]})", "{\"a\":[1,2]}")]
    [InlineData("newShortGuid().length", "22")]
    [InlineData("parseGuid('6F9619FF-8B86-D011-B42D-00C04FC964FF')", "6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [InlineData("newGuidString().length", "36")]
    public async Task Evaluate_ReturnsCompletionValueAsElsaDoes(string script, string expected)
    {
        Assert.Equal(expected, await WriteAsync(script, [Variable("Counter", "Int32", 5)]));
    }

    [Fact]
    public async Task Evaluate_InputsAndWorkflowFunctions_AreAvailable()
    {
        var text = await WriteAsync("`${getInput('Amount')}|${getAmount()}|${getCorrelationId()}|${getWorkflowDefinitionId().startsWith('js-')}|${getWorkflowInstanceId().length}`",
            input: new JsonObject { ["Amount"] = 42 }, correlationId: "C-9");

        Assert.Equal("42|42|C-9|true|26", text);
    }

    [Fact]
    public async Task SetVariable_AndVariablesObjectWrites_AreKept()
    {
        var definition = Definition("js-writes",
            [Activity("a", "Elsa.RunJavaScript", ("script", Literal("setVariable('Name', 'x'); variables.Count = variables.Count + 2; setCorrelationId('CASE-1'); setWorkflowInstanceName('案件一')", "String"))),
             Activity("b", "Elsa.WriteLine", ("text", Js("getName() + getCount() + getCorrelationId() + getWorkflowInstanceName()", "String")))],
            [("a", "Done", "b")], [Variable("Name", "String", ""), Variable("Count", "Int32", 1)]);

        var instance = await _host.RunAsync(definition);

        Assert.Equal(["x3CASE-1案件一"], await _host.WrittenLinesAsync(instance.Id));
        Assert.Equal("CASE-1", instance.CorrelationId);
        Assert.Equal("案件一", instance.Name);
    }

    [Fact]
    public async Task GetOutputFrom_AndLastResult_ReadEarlierActivities()
    {
        var definition = Definition("js-outputs",
            [Activity("calc", "Elsa.RunJavaScript", ("script", Literal("6 * 7", "String"))),
             Activity("w", "Elsa.WriteLine", ("text", Js("`${getOutputFrom('calc')}-${getOutputFrom('calc', 'result')}-${getLastResult()}`", "String")))],
            [("calc", "Done", "w")]);

        var instance = await _host.RunAsync(definition);

        Assert.Equal(["42-42-42"], await _host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Throw_FaultsInstanceWithIncidentNamingActivityAndMessage()
    {
        var instance = await _host.RunAsync(Definition("js-throw", [Decision("bad", "throw new Error('boom')")], []));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await _host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("bad", incident.ActivityId);
        Assert.Equal("Elsa.FlowDecision", incident.ActivityType);
        Assert.Equal("Error: boom", incident.Message);
    }

    [Theory]
    [InlineData("while (true) {}", "语句数")]
    [InlineData("function f() { return f(); } f()", "递归")]
    public async Task RunawayScript_IsStoppedAndFaultsTheInstanceOnly(string script, string expected)
    {
        var instance = await _host.RunAsync(Definition($"js-runaway-{expected.Length}-{script.Length}", [Decision("loop", script)], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Contains(expected, Assert.Single(await _host.Instances.GetIncidentsAsync(instance.Id)).Message);
    }

    [Fact]
    public async Task MemoryLimit_StopsScriptThatHoardsMemory()
    {
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:MaxMemoryBytes"] = "2000000", ["Workflows:Scripts:MaxStatements"] = "0", ["Workflows:Scripts:Timeout"] = "00:00:30" });

        var instance = await host.RunAsync(Definition("js-memory", [Decision("hoard", "var a = []; while (true) { a.push('x'.repeat(1000)); }")], []));

        Assert.Contains("内存", Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id)).Message);
    }

    [Fact]
    public async Task Timeout_StopsLongScript()
    {
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:Timeout"] = "00:00:00.200", ["Workflows:Scripts:MaxStatements"] = "0" });

        var instance = await host.RunAsync(Definition("js-timeout", [Decision("slow", "while (true) {}")], []));

        Assert.Contains("时间", Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id)).Message);
    }

    [Fact]
    public async Task Repeat_PastTheMemoryLimit_FaultsTheInstance()
    {
        var instance = await _host.RunAsync(Definition("js-repeat", [Activity("big", "Elsa.RunJavaScript", ("script", Literal("'x'.repeat(2e8)", "String")))], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await _host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("big", incident.ActivityId);
        Assert.Contains("内存", incident.Message);
    }

    [Fact]
    public async Task Result_LargerThanMaxValueBytes_FaultsTheInstance()
    {
        var instance = await _host.RunAsync(Definition("js-large-result",
            [Activity("big", "Elsa.WriteLine", ("text", Js("'x'.repeat(2 * 1024 * 1024)", "String")))], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await _host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("big", incident.ActivityId);
        Assert.Equal("value-too-large", incident.Code);
        Assert.Contains("1 MB", incident.Message);
    }

    [Fact]
    public async Task CatastrophicRegex_IsStoppedByTheScriptTimeout()
    {
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:Timeout"] = "00:00:00.200", ["Workflows:Scripts:MaxStatements"] = "0" });
        var definition = Definition("js-regex", [Decision("redos", "/^(a+)+$/.test('a'.repeat(40) + 'b')")], []);
        await host.PublishAsync(definition);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        var instance = (await host.Runtime.StartAsync("js-regex", null, null))!;

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Contains("时间", Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id)).Message);
        // Jint's own regex timeout is 10 s; the script's 200 ms must bound it.
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(8));
    }
}
