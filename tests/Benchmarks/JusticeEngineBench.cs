using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Justice.Workflows.Management;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Workflows.Benchmarks;

/// <summary>This engine, persisted to a SQLite file or a PostgreSQL database, driven through its runtime API.</summary>
public static class JusticeEngineBench
{
    const string Definition = """
        { "definitionId": "bench", "name": "bench",
          "root": { "id": "root", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "log", "type": "Elsa.WriteLine", "version": 1, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "受理" } } },
              { "id": "wait", "type": "Elsa.Event", "version": 1, "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "Go" } } },
              { "id": "end", "type": "Elsa.End", "version": 1 } ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "log", "port": "In" } },
              { "source": { "activity": "log", "port": "Done" }, "target": { "activity": "wait", "port": "In" } },
              { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "end", "port": "In" } } ] } }
        """;

    /// <summary>One engine on a SQLite file in <paramref name="folder"/>, WAL with the given <c>synchronous</c>.</summary>
    public static Task<BenchResult> RunAsync(string name, string folder, string synchronous, int lifecycles, int concurrency)
    {
        Directory.CreateDirectory(folder);
        return RunAsync(name, synchronous, new() { ["Workflows:Synchronous"] = synchronous }, [$"Data Source={Path.Combine(folder, "bench.db")}"], lifecycles, concurrency);
    }

    /// <summary>
    /// Engines on one PostgreSQL database, one host per connection string (each its own writer and connection pool,
    /// as separate processes have); with several, a lifecycle is started on one node and triggered on the next.
    /// </summary>
    public static Task<BenchResult> RunPostgresAsync(string name, string label, IReadOnlyList<string> nodes, int lifecycles, int concurrency,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Workflows:Provider"] = DatabaseProvider.Postgres };
        return RunAsync(name, label, all, nodes, lifecycles, concurrency);
    }

    static async Task<BenchResult> RunAsync(string name, string label, Dictionary<string, string?> settings, IReadOnlyList<string> nodes, int lifecycles, int concurrency)
    {
        var reads = new ReadCounter();
        settings["Workflows:RunTimers"] = "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var hosts = new List<ServiceProvider>();
        try
        {
            foreach (var connectionString in nodes)
            {
                hosts.Add(new ServiceCollection()
                    .AddJusticeWorkflows(configuration, connectionString)
                    .ConfigureWorkflowDatabase(db => db.AddInterceptors(reads))
                    .AddLogging()
                    .BuildServiceProvider());
            }
            await hosts[0].MigrateWorkflowDatabaseAsync();
            await hosts[0].GetRequiredService<WorkflowDefinitionService>().ImportAsync(Definition, publish: true);
            var runtimes = hosts.Select(h => h.GetRequiredService<WorkflowRuntime>()).ToArray();
            Task Lifecycle(int i) => LifecycleAsync(runtimes[i % runtimes.Length], runtimes[(i + 1) % runtimes.Length]);

            // Warm-up: JIT, caches and the connection pools, outside the measurement.
            for (var i = 0; i < 200; i++)
                await Lifecycle(i);
            using var meter = new EngineCounters();
            reads.Reset();

            var inLifecycle = 0L;
            var cpu = Environment.CpuUsage.TotalTime;
            var elapsed = await BenchResult.DriveAsync(lifecycles, concurrency, async i =>
            {
                var t = Stopwatch.GetTimestamp();
                await Lifecycle(i);
                Interlocked.Add(ref inLifecycle, Stopwatch.GetTimestamp() - t);
            });
            cpu = Environment.CpuUsage.TotalTime - cpu;
            var per = (double)lifecycles;
            var commits = meter.Get("justice.workflows.transactions") / per;
            var stateBytes = await StateBytesAsync(hosts[0]);
            var breakdown =
                $"where the time goes (ours, {label}, {concurrency} workers):  per lifecycle {meter.Get("justice.workflows.commits") / per:0.00} bursts saved in {commits:0.00} transactions (group commit), {meter.Get("justice.workflows.statements") / per:0.0} SQL write commands, " +
                $"{meter.Get("justice.workflows.reads") / per + reads.Reads / per:0.0} SQL reads; run activities {meter.Get("justice.workflows.run.duration") / per:0.000} ms, load {meter.Get("justice.workflows.load.duration") / per:0.000} ms, " +
                $"commit {meter.Get("justice.workflows.commit.duration") / per:0.000} ms (gate wait included), reads {reads.ReadTime.TotalMilliseconds / per:0.000} ms, " +
                $"of {Stopwatch.GetElapsedTime(0, inLifecycle).TotalMilliseconds / per:0.000} ms per lifecycle summed over workers; " +
                $"this process's CPU {cpu.TotalMilliseconds / per:0.000} ms per lifecycle ({cpu.TotalMilliseconds / elapsed.TotalMilliseconds / Environment.ProcessorCount:P0} of the machine)";
            Console.WriteLine($"{name}: {lifecycles / elapsed.TotalSeconds:N0} lifecycles/s");
            Console.WriteLine("  " + breakdown);
            return new BenchResult(name, lifecycles, elapsed, commits)
            {
                RowsPerCommit = meter.Get("justice.workflows.rows") / Math.Max(1, meter.Get("justice.workflows.transactions")),
                StateBytes = stateBytes,
                Breakdown = breakdown,
            };
        }
        finally
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
        }
    }

    /// <summary>Started on one node, triggered on the other (the same node when there is one).</summary>
    static async Task LifecycleAsync(WorkflowRuntime starter, WorkflowRuntime trigger)
    {
        var instance = await starter.StartAsync("bench", new JsonObject { ["n"] = 1 }, null);
        var resumed = await trigger.TriggerEventAsync("Go", null, instance!.Id, new JsonObject { ["ok"] = true });
        if (resumed.Count != 1)
            throw new InvalidOperationException("lifecycle did not resume");
    }

    static async Task<int> StateBytesAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<Justice.Workflows.Runtime.Stores.IInstanceQueries>();
        var (items, _) = await store.QueryAsync(new Justice.Workflows.Runtime.Stores.InstanceQuery("bench", null, null, null, 1, 1));
        return items.Count == 0 ? 1000 : items[0].StateJson.Length + items[0].InputJson.Length + items[0].OutputJson.Length;
    }

    /// <summary>Sums the engine's counters and histograms (meter Justice.Workflows).</summary>
    sealed class EngineCounters : IDisposable
    {
        readonly MeterListener _listener = new();
        readonly ConcurrentDictionary<string, double> _totals = new();

        public EngineCounters()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WorkflowMetrics.MeterName)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
            _listener.Start();
        }

        public double Get(string name) => _totals.GetValueOrDefault(name);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Counts the SQL reads EF sends, and their time.</summary>
    sealed class ReadCounter : DbCommandInterceptor
    {
        long _reads, _ticks;

        public long Reads => _reads;
        public TimeSpan ReadTime => TimeSpan.FromTicks(_ticks);

        public void Reset() => _reads = _ticks = 0;

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            Interlocked.Add(ref _ticks, eventData.Duration.Ticks);
            return ValueTask.FromResult(result);
        }
    }
}
