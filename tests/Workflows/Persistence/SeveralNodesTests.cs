using System.Text.Json.Nodes;
using Justice.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Persistence;

/// <summary>
/// Two engine hosts on one database, as two portal nodes (each with its own writer and its own per-process turns):
/// events for one instance delivered on both at once are both delivered; a workflow activity published again on one
/// node is what the other runs once it notices; a definition saved on both at once gets one version number each.
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

    static JsonObject TwoWaits => Definition("two-waits",
        [Start(), Event("e1", "one"), Event("e2", "two"), Join("join", "WaitAll"), WriteLine("done", "both")],
        [("start", "Done", "e1"), ("start", "Done", "e2"), ("e1", "Done", "join"), ("e2", "Done", "join"), ("join", "Done", "done")]);

    [Fact]
    public async Task TwoEventsOfOneInstance_OnTwoNodes_TheOneThatLosesTheRaceRunsAgain_AndBothAreDelivered()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        await using var a = await WorkflowTestHost.CreateAsync(folder: folder);
        // B's first commit waits until A has committed its own burst of the same instance: B read the instance before.
        var aCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bLoaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var b = await WorkflowTestHost.CreateAsync(folder: folder, configure: services =>
        {
            services.AddSingleton<Justice.Workflows.Persistence.Stores.EfInstanceStore>();
            services.AddSingleton(sp => HeldStore.Wrap(sp.GetRequiredService<Justice.Workflows.Persistence.Stores.EfInstanceStore>(), bLoaded, aCommitted.Task));
        });
        var instance = await a.RunAsync(TwoWaits);

        var onB = b.Runtime.TriggerEventAsync("two", null, instance.Id, null);
        await bLoaded.Task;
        Assert.Equal([instance.Id], await a.Runtime.TriggerEventAsync("one", null, instance.Id, null));
        aCommitted.SetResult();

        Assert.Equal([instance.Id], await onB);
        Assert.Equal(["both"], await a.WrittenLinesAsync(instance.Id));
        Assert.Equal(Justice.Workflows.Runtime.WorkflowStatus.Finished, (await a.Instances.FindAsync(instance.Id))!.Status);
    }

    /// <summary>Holds the first commit until it is let go (after telling that the instance was loaded).</summary>
    public class HeldStore : System.Reflection.DispatchProxy
    {
        Justice.Workflows.Runtime.Stores.IInstanceStore _inner = null!;
        TaskCompletionSource _loaded = null!;
        Task _release = null!;
        int _commits;

        public static Justice.Workflows.Runtime.Stores.IInstanceStore Wrap(Justice.Workflows.Runtime.Stores.IInstanceStore inner, TaskCompletionSource loaded, Task release)
        {
            var proxy = Create<Justice.Workflows.Runtime.Stores.IInstanceStore, HeldStore>();
            var held = (HeldStore)(object)proxy;
            (held._inner, held._loaded, held._release) = (inner, loaded, release);
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(Justice.Workflows.Runtime.Stores.IInstanceStore.CommitAsync) && Interlocked.Increment(ref _commits) == 1)
            {
                _loaded.TrySetResult();
                return HoldAsync(method, args);
            }
            return method.Invoke(_inner, args);
        }

        async Task HoldAsync(System.Reflection.MethodInfo method, object?[]? args)
        {
            await _release;
            await (Task)method.Invoke(_inner, args)!;
        }
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
