using System.Text.Json.Nodes;
using Justice.Casework.Activities;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Expressions;

public sealed class CSharpExpressionTests : IAsyncLifetime
{
    WorkflowTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:Timeout"] = "00:00:05", ["Workflows:Scripts:MaxStatements"] = "5000" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static JsonObject CSharp(string script, string typeName = "Object") => Expression("CSharp", script, typeName);

    static JsonObject RunCSharp(string id, string script) => Activity(id, "Elsa.RunCSharp", ("script", Literal(script, "String")));

    static JsonObject Fixture(string name) =>
        DefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", name)), out _)!;

    static IReadOnlyList<DefinitionProblem> Validate(JsonObject definition) =>
        new DefinitionCompiler(CaseworkActivities.CreateRegistry()).Compile(definition).Problems;

    [Fact]
    public async Task RunCSharp_SetsAVariable_AndTheNextActivityWritesIt()
    {
        var definition = Definition("cs-run",
            [RunCSharp("a", "Variables.Name = \"甲\"; Variables.Count = Variables.Count + 2; CorrelationId = \"CASE-7\"; var x = 40; x + 2"),
             Activity("b", "Elsa.WriteLine", ("text", CSharp("$\"{Variables.Name}{Variables.Count}|{CorrelationId}|{Output.From(\"a\")}|{Output.LastResult}\"", "String")))],
            [("a", "Done", "b")], [Variable("Name", "String", ""), Variable("Count", "Int32", 1)]);

        var instance = await _host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["甲3|CASE-7|42|42"], await _host.WrittenLinesAsync(instance.Id));
        Assert.Equal("CASE-7", instance.CorrelationId);
    }

    [Theory]
    [InlineData("1 + 1", "2")]
    [InlineData("return \"early\";", "early")]
    [InlineData("Variables.Counter * 2", "10")]
    [InlineData("Variables.Get<int>(\"Counter\") + ExecutionContext.GetVariable<int>(\"Counter\")", "10")]
    [InlineData("string.Join(\",\", new List<int> { 3, 1, 2 }.OrderBy(x => x).Select(x => x * Math.Max(1, 2)))", "2,4,6")]
    [InlineData("var d = new Dictionary<string, int> { [\"a\"] = 1 }; var n = 0; foreach (var p in d) { n += p.Value; } for (var i = 0; i < 3; i++) { n++; } n", "4")]
    [InlineData("new JsonObject { [\"a\"] = 1 }.ToJsonString()", "{\"a\":1}")]
    [InlineData("new DateTime(2026, 12, 4).AddDays(1).ToString(\"yyyy-MM-dd\")", "2026-12-05")]
    [InlineData("var l = new List<int>(); new List<int> { 1, 2 }.ForEach(x => l.Add(x * 3)); string.Join(\",\", l.Select(x => { return x + 1; }).Where(x => x > 0).Select(x => x.ToString()))", "4,7")]
    [InlineData("new[] { \"a\", \"b\" }.Select(x => x == \"a\" ? null : x).Count(x => x == null)", "1")]
    [InlineData("Input.Amount", "42")]
    [InlineData("WorkflowInstanceId.Length", "26")]
    public async Task CSharpExpression_InAnInput_IsEvaluatedAsElsaDoes(string script, string expected)
    {
        var instance = await _host.RunAsync(Definition($"cs-{Guid.NewGuid():N}", [Activity("w", "Elsa.WriteLine", ("text", CSharp(script, "String")))], [],
            [Variable("Counter", "Int32", 5)], ["Amount"]), new JsonObject { ["Amount"] = 42 });

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal([expected], await _host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task OutcomeSet_ChoosesThePort()
    {
        var definition = Definition("cs-outcome",
            [Activity("a", "Elsa.RunCSharp", ("script", Literal("Outcome.Set(\"Yes\");", "String")), ("possibleOutcomes", Literal(new JsonArray("Yes", "No"), "String[]"))),
             WriteLine("yes", "yes"), WriteLine("no", "no")],
            [("a", "Yes", "yes"), ("a", "No", "no")]);

        var instance = await _host.RunAsync(definition);

        Assert.Equal(["yes"], await _host.WrittenLinesAsync(instance.Id));
    }

    /// <summary>Elsa's WorkflowOutputMapping test: RunCSharp's result mapped to the workflow output Output1 is "Foo".</summary>
    [Theory]
    [InlineData("workflow-output.json", "Foo")]
    [InlineData("run-csharp-b.json", "Bar")]
    public async Task ElsaFixture_RunCSharpResult_IsTheWorkflowOutput(string file, string expected)
    {
        var instance = await _host.RunAsync(Fixture(file));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(expected, JsonNode.Parse(instance.OutputJson)!["Output1"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("consumer.json", "b3b9071594676f52")]
    [InlineData("csharp-d.json", null)]
    public void ElsaFixture_CSharpExpressions_AreNoLongerUnsupported(string file, string? _)
    {
        var problems = Validate(Fixture(file));

        Assert.DoesNotContain(problems, p => p.Code is DefinitionProblem.UnsupportedExpression or DefinitionProblem.ForbiddenScriptSymbol or DefinitionProblem.InvalidInput);
        Assert.Contains(problems, p => p.Code == DefinitionProblem.UnknownActivityType);
    }

    [Fact]
    public async Task ElsaFixture_D_WritesTheVariablesThroughACSharpExpression()
    {
        // d.json's WriteLine, `$"{Variables.Variable1}{Variables.Variable2}"`, with the two child workflows' outputs ("Foo", "Bar") as variables.
        var d = Fixture("csharp-d.json");
        var writeLine = d["root"]!["activities"]!.AsArray().OfType<JsonObject>().Single(a => a["type"]!.GetValue<string>() == "Elsa.WriteLine").DeepClone().AsObject();
        var definition = Definition("cs-d", [Activity("set", "Elsa.RunCSharp", ("script", Literal("Variables.Variable1 = \"Foo\"; Variables.Variable2 = \"Bar\";", "String"))), writeLine],
            [("set", "Done", writeLine["id"]!.GetValue<string>())], d["variables"]!.AsArray().Select(v => v!.DeepClone().AsObject()));

        var instance = await _host.RunAsync(definition);

        Assert.Equal(["FooBar"], await _host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public void Publish_RefusesSystemIO_NamingTheActivityAndTheType()
    {
        var problems = Validate(Definition("cs-io", [RunCSharp("reader", "System.IO.File.ReadAllText(\"/etc/passwd\")")], []));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.ForbiddenScriptSymbol, problem.Code);
        Assert.Equal("reader", problem.ActivityId);
        Assert.Equal("$.root.activities[0].script", problem.Path);
        Assert.Contains("System.IO.File", problem.Message);
        Assert.Contains("不允许", problem.Message);
    }

    [Theory]
    [InlineData("typeof(string).Assembly.GetTypes().Length", "typeof")]
    [InlineData("\"x\".GetType().Name", "GetType")]
    [InlineData("System.Reflection.Assembly.GetExecutingAssembly().FullName", "System.Reflection.Assembly")]
    [InlineData("System.Diagnostics.Process.Start(\"sh\")", "System.Diagnostics.Process")]
    [InlineData("Environment.GetEnvironmentVariable(\"HOME\")", "System.Environment")]
    [InlineData("Environment.Exit(1)", "System.Environment")]
    [InlineData("System.Threading.Thread.Sleep(10)", "System.Threading.Thread")]
    [InlineData("System.Runtime.InteropServices.Marshal.AllocHGlobal(10)", "System.Runtime.InteropServices.Marshal")]
    [InlineData("new System.Net.Http.HttpClient()", "System.Net.Http.HttpClient")]
    [InlineData("Activator.CreateInstance<object>()", "System.Activator")]
    [InlineData("AppDomain.CurrentDomain.FriendlyName", "System.AppDomain")]
    [InlineData("dynamic d = 1; d.Foo()", "dynamic")]
    [InlineData("int i = 0; top: i++; goto top;", "goto")]
    [InlineData("Func<int, int> f = null!; f = x => f(x); f(1)", "Invoke")]
    [InlineData("System.Threading.Tasks.Task.Run(() => 1)", "System.Threading.Tasks.Task")]
    [InlineData("int F() => F(); F()", "方法声明")]
    [InlineData("#r \"System.IO.dll\"\n1", "#r")]
    [InlineData("unsafe { int* p = null; }", "unsafe")]
    public void Publish_RefusesReflectionProcessesEnvironmentAndTheLike(string script, string expected)
    {
        var problems = Validate(Definition("cs-bad", [Activity("w", "Elsa.WriteLine", ("text", CSharp(script, "String")))], []));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.ForbiddenScriptSymbol, problem.Code);
        Assert.Equal("w", problem.ActivityId);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void Publish_ReportsCompileErrors_NamingTheActivity()
    {
        var problems = Validate(Definition("cs-err", [RunCSharp("broken", "var x = ;")], []));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.InvalidInput, problem.Code);
        Assert.Equal("broken", problem.ActivityId);
        Assert.Contains("C#", problem.Message);
    }

    [Fact]
    public async Task ForbiddenScript_IsCheckedAgainBeforeRunning()
    {
        // A script given by an expression is only known at run time: it is checked when first compiled.
        var definition = Definition("cs-late", [Activity("a", "Elsa.RunCSharp", ("script", Js("'System.IO.File.Exists(\"/\")'", "String")))], []);

        var instance = await _host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await _host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("a", incident.ActivityId);
        Assert.Contains("System.IO.File", incident.Message);
    }

    [Fact]
    public async Task InfiniteLoop_IsStoppedByTheTimeout_WithAnIncident()
    {
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:Timeout"] = "00:00:00.200", ["Workflows:Scripts:MaxStatements"] = "0", ["Workflows:Scripts:MaxMemoryBytes"] = "0" });

        var instance = await host.RunAsync(Definition("cs-timeout", [RunCSharp("spin", "var n = 0; while (true) { try { for (;;) { n++; } } catch { } }")], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("spin", incident.ActivityId);
        Assert.Contains("时间", incident.Message);
    }

    [Theory]
    [InlineData("while (true) { }", "语句数")]
    [InlineData("var l = new List<string>(); while (true) { l.Add(new string('x', 1000)); }", "内存")]
    [InlineData("Enumerable.Range(0, int.MaxValue).Select(x => x % 7).Sum()", "语句数")]
    public async Task RunawayScript_IsStoppedByTheStatementOrMemoryBudget(string script, string expected)
    {
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:Timeout"] = "00:00:30", ["Workflows:Scripts:MaxStatements"] = expected == "语句数" ? "5000" : "0", ["Workflows:Scripts:MaxMemoryBytes"] = "2000000" });

        var instance = await host.RunAsync(Definition($"cs-runaway-{expected.Length}", [RunCSharp("loop", script)], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Contains(expected, Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id)).Message);
    }

    [Fact]
    public async Task ResultPastMaxValueBytes_FaultsTheInstance()
    {
        var instance = await _host.RunAsync(Definition("cs-big", [RunCSharp("big", "new string('x', 2_000_000)")], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Contains("大小上限", Assert.Single(await _host.Instances.GetIncidentsAsync(instance.Id)).Message);
    }

    [Fact]
    public async Task Script_IsCompiledOncePerVersionAndText()
    {
        var evaluator = _host.Services.GetRequiredService<CSharpEvaluator>();
        var id = await _host.PublishAsync(Definition("cs-once", [RunCSharp("a", "1 + 2"), Activity("b", "Elsa.WriteLine", ("text", CSharp("\"three\"", "String")))], [("a", "Done", "b")]));
        var before = evaluator.Compilations;

        for (var i = 0; i < 3; i++)
            Assert.Equal(WorkflowSubStatus.Finished, (await _host.Runtime.StartAsync(id, null, null))!.SubStatus);

        Assert.Equal(before + 2, evaluator.Compilations);
    }
}
