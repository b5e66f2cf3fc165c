using System.Text.Json.Nodes;
using Justice.Workflows.Persistence.Entities;
using Justice.Workflows.Persistence.Stores;
using Justice.Workflows.Runtime;
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
        var bookmark = Assert.Single(await host.Store.GetBookmarksAsync(instance.Id));

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
        Assert.Equal(WorkflowSubStatus.Finished, (await host.Store.FindAsync(instance.Id))!.SubStatus);
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
    }

    [Fact]
    public async Task CrashBeforeCommit_LosesOnlyThatBurst_AndTheStimulusCanBeRepeated()
    {
        CrashingStore? crashing = null;
        await using var host = await WorkflowTestHost.CreateAsync(configure: services =>
        {
            services.AddSingleton<EfWorkflowInstanceStore>();
            services.AddSingleton<IWorkflowInstanceStore>(sp => crashing = new CrashingStore(sp.GetRequiredService<EfWorkflowInstanceStore>()));
        });
        var instance = await host.RunAsync(WaitThenWrite("crash"));

        crashing!.CrashNextCommit = true;
        await Assert.ThrowsAsync<IOException>(() => host.Runtime.TriggerEventAsync("Go", null, instance.Id, null));

        Assert.Equal(WorkflowSubStatus.Suspended, (await host.Store.FindAsync(instance.Id))!.SubStatus);
        Assert.Single(await host.Store.GetBookmarksAsync(instance.Id));
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
        var journal = await second.Services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(instanceId);
        Assert.Contains(journal, j => j.ActivityId == "w" && j.Event == "Completed");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    static IHost BuildHost(string folder, FakeTimeProvider clock)
    {
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Workflows:TimerPollInterval"] = "00:00:30" });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddJusticeWorkflows(builder.Configuration, $"Data Source={Path.Combine(folder, "workflows.db")}");
        var host = builder.Build();
        host.Services.MigrateWorkflowDatabaseAsync().GetAwaiter().GetResult();
        return host;
    }

    /// <summary>Dies at the worst moment: after the burst ran, before anything was committed.</summary>
    sealed class CrashingStore(IWorkflowInstanceStore inner) : IWorkflowInstanceStore
    {
        public bool CrashNextCommit { get; set; }

        public Task CommitAsync(IReadOnlyList<InstanceChanges> changes, CancellationToken cancellationToken = default)
        {
            if (!CrashNextCommit)
                return inner.CommitAsync(changes, cancellationToken);
            CrashNextCommit = false;
            throw new IOException("simulated crash before commit");
        }

        public Task<(WorkflowInstanceRecord Instance, IReadOnlyList<BookmarkRecord> Bookmarks)?> LoadAsync(string instanceId, CancellationToken cancellationToken = default) => inner.LoadAsync(instanceId, cancellationToken);
        public Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default) => inner.FindBookmarkAsync(bookmarkId, cancellationToken);
        public Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string hash, string? correlationId, string? instanceId, CancellationToken cancellationToken = default) => inner.FindBookmarksAsync(hash, correlationId, instanceId, cancellationToken);
        public Task<IReadOnlyList<TimerRecord>> ClaimDueTimersAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default) => inner.ClaimDueTimersAsync(now, lease, max, cancellationToken);
        public Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken cancellationToken = default) => inner.NextTimerDueAsync(cancellationToken);
        public Task DeleteTimerAsync(string timerId, CancellationToken cancellationToken = default) => inner.DeleteTimerAsync(timerId, cancellationToken);
        public Task<WorkflowInstanceRecord?> FindAsync(string instanceId, CancellationToken cancellationToken = default) => inner.FindAsync(instanceId, cancellationToken);
        public Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetJournalAsync(instanceId, cancellationToken);
        public Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetIncidentsAsync(instanceId, cancellationToken);
        public Task<IReadOnlyList<BookmarkRecord>> GetBookmarksAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetBookmarksAsync(instanceId, cancellationToken);
        public Task<(IReadOnlyList<WorkflowInstanceRecord> Items, int TotalCount)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
        public Task<HumanTaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default) => inner.FindTaskAsync(taskId, cancellationToken);
        public Task<(IReadOnlyList<HumanTaskRecord> Items, int TotalCount)> ListOpenTasksAsync(IReadOnlyCollection<string> roles, string? userId, bool all, int page, int pageSize, CancellationToken cancellationToken = default) => inner.ListOpenTasksAsync(roles, userId, all, page, pageSize, cancellationToken);
        public Task<IReadOnlyDictionary<string, int>> CountInstancesByVersionAsync(string definitionId, CancellationToken cancellationToken = default) => inner.CountInstancesByVersionAsync(definitionId, cancellationToken);
    }
}
