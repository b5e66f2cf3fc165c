using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Expressions;

public sealed class LiquidExpressionTests : EngineTest
{
    [Theory]
    [InlineData("案号 {{ Variables.CaseNumber }}", "案号 （2026）衡仲字第0001号")]
    [InlineData("{{ Input.Amount | plus: 1 }}", "1001")]
    [InlineData("{{ CorrelationId }}/{{ WorkflowDefinitionVersion }}", "C-7/1")]
    [InlineData("{{ 'abc' | base64 }}", "YWJj")]
    [InlineData("{{ Variables.Party | keys | join: ',' }}", "name,id")]
    [InlineData("{% if Input.Amount > 500 %}大额{% else %}小额{% endif %}", "大额")]
    public async Task Render_SeesVariablesInputAndFilters(string template, string expected)
    {
        var definition = Definition($"liquid-{Guid.NewGuid():N}", [Activity("w", "Elsa.WriteLine", ("text", Liquid(template)))], [],
            [Variable("CaseNumber", "String", "（2026）衡仲字第0001号"), Variable("Party", "Object", """{"name":"张三","id":"430405"}""")], ["Amount"]);

        var instance = await Host.RunAsync(definition, new JsonObject { ["Amount"] = 1000 }, "C-7");

        Assert.Equal([expected], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Render_WithInstanceId_MatchesInstance()
    {
        var instance = await Host.RunAsync(Definition("liquid-id", [Activity("w", "Elsa.WriteLine", ("text", Liquid("{{ WorkflowInstanceId }}")))], []));

        Assert.Equal([instance.Id], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Render_RangeLargerThanStepLimit_FaultsBeforeBuildingIt()
    {
        var instance = await Host.RunAsync(Definition("liquid-range", [Activity("w", "Elsa.WriteLine", ("text", Liquid("{% for i in (1..1000000000) %}{% endfor %}")))], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await Host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("w", incident.ActivityId);
        Assert.Contains("100000", incident.Message);
    }

    [Fact]
    public async Task Render_OutputLargerThanMaxValueBytes_FaultsTheInstance()
    {
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:MaxValueBytes"] = "1000" });

        var instance = await host.RunAsync(Definition("liquid-output", [Activity("w", "Elsa.WriteLine", ("text", Liquid("{% for i in (1..500) %}0123456789{% endfor %}")))], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("w", incident.ActivityId);
        Assert.Contains("大小上限", incident.Message);
    }

    [Fact]
    public async Task Render_AssignedStringGrowingPastMaxValueBytes_FaultsTheInstance()
    {
        var instance = await Host.RunAsync(Definition("liquid-doubling",
            [Activity("w", "Elsa.WriteLine", ("text", Liquid("{% assign s = 'x' %}{% for i in (1..25) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}")))], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Contains("大小上限", Assert.Single(await Host.Instances.GetIncidentsAsync(instance.Id)).Message);
    }

    [Fact]
    public async Task Render_PastTheTimeout_IsStopped()
    {
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:Timeout"] = "00:00:00.200", ["Workflows:Scripts:MaxStatements"] = "0" });

        var instance = await host.RunAsync(Definition("liquid-timeout",
            [Activity("w", "Elsa.WriteLine", ("text", Liquid("{% for i in (1..30000) %}{% for j in (1..30000) %}{% endfor %}{% endfor %}")))], []));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("w", incident.ActivityId);
        Assert.Contains("时间", incident.Message);
    }
}
