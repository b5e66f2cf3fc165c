namespace Justice.Workflows.Benchmarks;

/// <summary>
/// The PostgreSQL rows: this engine on one node and on two nodes sharing a database, and raw Npgsql doing the same
/// transactions; each with commits as the server is configured and again with <c>synchronous_commit=on</c>.
/// Every run gets a database of its own.
/// </summary>
public static class PostgresBench
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(string server, int lifecycles, int concurrency, string? writers)
    {
        var settings = new Dictionary<string, string?> { ["Workflows:Writers"] = writers };
        var results = new List<BenchResult>();
        if (await PostgresServer.TryConnectAsync(server) is not { } postgres)
            return results;
        Console.WriteLine($"writers per node (Workflows:Writers): {writers ?? "default"}");
        Console.WriteLine($"PostgreSQL {postgres.Version} as configured: fsync={postgres.Fsync}, synchronous_commit={postgres.SynchronousCommit}" +
            (postgres.Fsync == "off" ? " (fsync=off: no commit waits for the disk, whatever synchronous_commit says)" : ""));
        var modes = postgres.SynchronousCommit == "on" ? [false] : new[] { false, true };

        await RunAsync(postgres, false, database => JusticeEngineBench.RunPostgresAsync("warm-up (PostgreSQL)", "warm-up", [database], Math.Min(lifecycles, 1000), concurrency, settings));
        foreach (var durable in modes)
        {
            var commit = $"synchronous_commit={(durable ? "on" : postgres.SynchronousCommit)}";
            var one = await RunAsync(postgres, durable, database =>
                JusticeEngineBench.RunPostgresAsync($"ours, PostgreSQL one node, {commit}", $"PostgreSQL one node, {commit}", [database], lifecycles, concurrency, settings));
            results.Add(one);
            results.Add(await RunNodesAsync(postgres, durable, $"ours, PostgreSQL two nodes, {commit}", $"PostgreSQL two nodes, {commit}", lifecycles, concurrency, settings));
            results.Add(await RunAsync(postgres, durable, database =>
                RawPostgresBench.RunAsync($"raw PostgreSQL limit, {commit}", database, lifecycles, one.CommitsPerLifecycle, one.RowsPerCommit, one.StateBytes, concurrency)));
        }
        Console.WriteLine("(raw PostgreSQL: the same number of transactions as ours on one node wrote, each with as many rows as ours wrote per transaction, from as many connections as workers)");
        Console.WriteLine("(two nodes: two engine hosts in this process, each with its own writer and connection pool; each lifecycle is started on one node and triggered on the other; the same workers in total)");
        return results;
    }

    static async Task<BenchResult> RunNodesAsync(PostgresServer postgres, bool durable, string name, string label, int lifecycles, int concurrency,
        IReadOnlyDictionary<string, string?> settings)
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            string[] nodes = [postgres.ConnectionString(database, durable, "justice-bench-node1"), postgres.ConnectionString(database, durable, "justice-bench-node2")];
            return await JusticeEngineBench.RunPostgresAsync(name, label, nodes, lifecycles, concurrency, settings);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    static async Task<BenchResult> RunAsync(PostgresServer postgres, bool durable, Func<string, Task<BenchResult>> run)
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            return await run(postgres.ConnectionString(database, durable));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }
}
