using System.Text.Json.Nodes;
using Justice.Casework;
using Justice.Casework.Integrity;
using Justice.Workflows.Persistence.Stores;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Persistence;

public sealed class DurabilityTests
{
    static JsonObject WaitThenWrite(string id) =>
        Definition(id, [Start(), Event("wait", "Go"), WriteLine("w", "resumed"), End()], [("start", "Done", "wait"), ("wait", "Done", "w"), ("w", "Done", "end")]);

    [Fact]
    public async Task Resume_ManyParallelRacers_SucceedsExactlyOnce()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var instance = await host.RunAsync(WaitThenWrite("race"));
        var bookmark = Assert.Single(await host.Instances.GetBookmarksAsync(instance.Id));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await host.Runtime.ResumeAsync(bookmark.Id, null) is null ? "gone" : "resumed";
            }
            catch (WorkflowConflictException)
            {
                return "conflict";
            }
        })));

        Assert.Single(outcomes, o => o == "resumed");
        Assert.Equal(["resumed"], await host.WrittenLinesAsync(instance.Id));
        Assert.Single(await host.JournalAsync(instance.Id), e => e == "wait:Resumed");
        Assert.Equal(WorkflowSubStatus.Finished, (await host.Instances.FindAsync(instance.Id))!.SubStatus);
        // The losers were rolled back with their journal links: the chain goes on from the winner.
        Assert.True((await host.Services.GetRequiredService<IntegrityCheck>().RunAsync()).IsIntact);
    }

    [Fact]
    public async Task TriggerEvent_ManyParallelTriggers_ResumeEachInstanceOnce()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        await host.PublishAsync(WaitThenWrite("race-events"));
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
            ids.Add((await host.Runtime.StartAsync("race-events", null, null))!.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.Runtime.TriggerEventAsync("Go", null, null, null))));

        Assert.Equal(ids.Order(), results.SelectMany(r => r).Order());
        foreach (var id in ids)
            Assert.Equal(["resumed"], await host.WrittenLinesAsync(id));
        Assert.True((await host.Services.GetRequiredService<IntegrityCheck>().RunAsync()).IsIntact);
    }

    [Fact]
    public async Task CrashBeforeCommit_LosesOnlyThatBurst_AndTheStimulusCanBeRepeated()
    {
        CrashingStore? crashing = null;
        await using var host = await WorkflowTestHost.CreateAsync(configure: services =>
        {
            services.AddSingleton<EfInstanceStore>();
            services.AddSingleton(sp =>
            {
                var (store, control) = CrashingStore.Wrap(sp.GetRequiredService<EfInstanceStore>());
                crashing = control;
                return store;
            });
        });
        var instance = await host.RunAsync(WaitThenWrite("crash"));

        crashing!.CrashNextCommit = true;
        await Assert.ThrowsAsync<IOException>(() => host.Runtime.TriggerEventAsync("Go", null, instance.Id, null));

        Assert.Equal(WorkflowSubStatus.Suspended, (await host.Instances.FindAsync(instance.Id))!.SubStatus);
        Assert.Single(await host.Instances.GetBookmarksAsync(instance.Id));
        Assert.DoesNotContain("wait:Resumed", await host.JournalAsync(instance.Id));

        Assert.Equal([instance.Id], await host.Runtime.TriggerEventAsync("Go", null, instance.Id, null));
        Assert.Equal(["resumed"], await host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task Timer_FiresAfterHostIsStoppedAndStartedAgain()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        var start = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        string instanceId;
        using (var first = BuildHost(folder, new FakeTimeProvider(start)))
        {
            await first.StartAsync();
            await first.Services.MigrateWorkflowDatabaseAsync();
            await first.Services.MigrateCaseworkDatabaseAsync();
            var runtime = first.Services.GetRequiredService<WorkflowRuntime>();
            await first.Services.GetRequiredService<Justice.Workflows.Management.WorkflowDefinitionService>().ImportAsync(
                Definition("sleepy", [Activity("d", "Elsa.Delay", ("timeSpan", Literal("1.00:00:00", "TimeSpan"))), WriteLine("w", "woke")], [("d", "Done", "w")]).ToJsonString(), publish: true);
            instanceId = (await runtime.StartAsync("sleepy", null, null))!.Id;
            await first.StopAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // The process comes back after the timer was due: the table is the schedule, nothing was kept in memory.
        var clock = new FakeTimeProvider(start.AddDays(1).AddMinutes(5));
        using var second = BuildHost(folder, clock);
        var finished = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        second.Services.GetRequiredService<WorkflowRuntime>().Committed += records =>
        {
            if (records.Any(r => r.Id == instanceId && r.Status == WorkflowStatus.Finished))
                finished.TrySetResult(instanceId);
        };
        await second.StartAsync();

        Assert.Equal(instanceId, await finished.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await second.StopAsync();
        var journal = await second.Services.GetRequiredService<IInstanceQueries>().GetJournalAsync(instanceId);
        Assert.Contains(journal, j => j.ActivityId == "w" && j.Event == "Completed");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    static IHost BuildHost(string folder, FakeTimeProvider clock)
    {
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Workflows:TimerPollInterval"] = "00:00:30" });
        builder.Configuration.AddInMemoryCollection(TestDatabase.Settings);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddJusticeWorkflows(builder.Configuration, TestDatabase.ConnectionString(folder))
            .AddJusticeCasework(builder.Configuration, TestDatabase.ConnectionString(folder));
        var host = builder.Build();
        host.Services.MigrateWorkflowDatabaseAsync().GetAwaiter().GetResult();
        host.Services.MigrateCaseworkDatabaseAsync().GetAwaiter().GetResult();
        return host;
    }

    /// <summary>Dies at the worst moment: after the burst ran, before anything was committed.</summary>
    public class CrashingStore : System.Reflection.DispatchProxy
    {
        IInstanceStore _inner = null!;

        public bool CrashNextCommit { get; set; }

        public static (IInstanceStore Store, CrashingStore Control) Wrap(IInstanceStore inner)
        {
            var proxy = Create<IInstanceStore, CrashingStore>();
            var control = (CrashingStore)(object)proxy;
            control._inner = inner;
            return (proxy, control);
        }

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IInstanceStore.CommitAsync) && CrashNextCommit)
            {
                CrashNextCommit = false;
                return Task.FromException(new IOException("simulated crash before commit"));
            }
            try
            {
                return method.Invoke(_inner, args);
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
    }
}
