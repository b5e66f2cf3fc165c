using System.Text.Json.Nodes;
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
}
