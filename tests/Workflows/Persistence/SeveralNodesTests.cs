using System.Text.Json.Nodes;
using Justice.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Persistence;

/// <summary>
/// Two engine hosts on one database, as two portal nodes: a workflow activity published again on one node (its
/// consumers following it) is what the other node runs once it notices the new publication.
/// </summary>
public sealed class SeveralNodesTests
{
    static JsonObject Provider(string text)
    {
        var provider = Definition("provider", [Activity("w", "Elsa.WriteLine", ("text", Js($"'{text}:' + getInput('Note')", "String")))], [], inputs: ["Note"]);
        provider["name"] = "Provider Step";
        provider["options"] = new JsonObject { ["usableAsActivity"] = true, ["autoUpdateConsumingWorkflows"] = true };
        return provider;
    }

    [Fact]
    public async Task ProviderPublishedAgainOnOneNode_TheOtherNodeRunsTheNewVersion_OnceItsPublicationCacheExpires()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        await using var a = await WorkflowTestHost.CreateAsync(folder: folder);
        await using var b = await WorkflowTestHost.CreateAsync(folder: folder);
        await a.PublishAsync(Provider("v1"));
        await a.PublishAsync(Definition("consumer", [Activity("p", "ProviderStep", ("workflowDefinitionId", "provider"), ("note", Literal("x", "String")))], []));
        Assert.Equal(["v1:x"], await ChildLinesAsync(b, await b.Runtime.StartAsync("consumer", null, null)));

        await a.PublishAsync(Provider("v2"));
        b.Clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(["v2:x"], await ChildLinesAsync(b, await b.Runtime.StartAsync("consumer", null, null)));
    }

    [Fact]
    public async Task SameDefinitionSavedOnTwoNodesAtOnce_EverySaveLands_WithNumbersOneAfterAnother()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        await using var a = await WorkflowTestHost.CreateAsync(folder: folder);
        await using var b = await WorkflowTestHost.CreateAsync(folder: folder);

        var saves = await Task.WhenAll(Enumerable.Range(1, 12).Select(n => Task.Run(() =>
            (n % 2 == 0 ? a : b).Definitions.ImportAsync(Definition("shared", [WriteLine("w", $"save {n}")], []).ToJsonString(), publish: true))));

        Assert.All(saves, s => Assert.Empty(s.Errors));
        Assert.Equal(Enumerable.Range(1, 12), saves.Select(s => s.Version).Order());
    }

    static async Task<List<string>> ChildLinesAsync(WorkflowTestHost host, Justice.Workflows.Runtime.State.WorkflowInstanceRecord? parent)
    {
        Assert.NotNull(parent);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var child = await db.Instances.AsNoTracking().SingleAsync(i => i.ParentInstanceId == parent.Id);
        return await host.WrittenLinesAsync(child.Id);
    }
}
