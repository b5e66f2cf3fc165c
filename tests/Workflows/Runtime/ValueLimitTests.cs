using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Runtime;

public sealed class ValueLimitTests : EngineTest
{
    [Fact]
    public async Task SetVariable_With10MegabyteString_FaultsWithIncidentNamingTheActivity()
    {
        var definition = Definition("big-variable",
            [Activity("fill", "Elsa.RunJavaScript", ("script", Literal("setVariable('Data', 'x'.repeat(10 * 1024 * 1024)); 1", "String")))], [],
            [Variable("Data", "String", "")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await Host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("fill", incident.ActivityId);
        Assert.Equal("value-too-large", incident.Code);
        Assert.Contains("Data", incident.Message);
        Assert.True((await Host.Instances.FindAsync(instance.Id))!.StateJson.Length < 64 * 1024);
    }

    [Fact]
    public async Task SetOutput_LargerThanConfiguredLimit_FaultsTheInstance()
    {
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Scripts:MaxValueBytes"] = "100" });
        var definition = Definition("big-output",
            [Activity("out", "Elsa.SetOutput", ("outputName", Literal("Summary", "String")), ("outputValue", Js("'x'.repeat(50) + 'y'.repeat(60)", "Object")))], []);

        var instance = await host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("out", incident.ActivityId);
        Assert.Equal("value-too-large", incident.Code);
    }
}
