using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Justice.Workflows.Benchmarks;

/// <summary>
/// The raw limit on PostgreSQL: plain Npgsql doing the same number of transactions with the same rows and state size,
/// from as many connections as the engine has workers. A transaction is an upsert of the instance row and one
/// multi-row insert of the other rows, sent together, then the commit.
/// </summary>
public static class RawPostgresBench
{
    public static async Task<BenchResult> RunAsync(string name, string connectionString, int lifecycles, double commitsPerLifecycle, double rowsPerCommit,
        int stateBytes, int concurrency)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("""
                CREATE TABLE instances (id text PRIMARY KEY, state text NOT NULL, revision integer NOT NULL);
                CREATE TABLE journal (instance text NOT NULL, seq integer NOT NULL, data text NOT NULL, PRIMARY KEY (instance, seq));
                """, setup);
            await create.ExecuteNonQueryAsync();
        }
        var state = new string('x', stateBytes);
        var commits = (int)Math.Round(lifecycles * commitsPerLifecycle);
        var extraRows = Math.Max(0, (int)Math.Round(rowsPerCommit) - 1);
        var journalSql = new StringBuilder("INSERT INTO journal (instance, seq, data) VALUES ");
        for (var r = 0; r < extraRows; r++)
            journalSql.Append(r == 0 ? "" : ", ").Append($"($1, {r + 1}, '{{}}')");

        // Warm-up outside the measurement: connections opened, statements seen once.
        await RunCommitsAsync(connectionString, "w", Math.Min(200, commits), concurrency, state, extraRows, journalSql.ToString());
        var watch = Stopwatch.StartNew();
        await RunCommitsAsync(connectionString, "i", commits, concurrency, state, extraRows, journalSql.ToString());
        watch.Stop();
        Console.WriteLine($"raw Npgsql ({name}): {commits} commits of {1 + extraRows} rows ({stateBytes} bytes state), {concurrency} connections, in {watch.ElapsedMilliseconds} ms = {commits / watch.Elapsed.TotalSeconds:N0} commits/s");
        return new BenchResult(name, lifecycles, watch.Elapsed, commitsPerLifecycle);
    }

    static async Task RunCommitsAsync(string connectionString, string prefix, int commits, int concurrency, string state, int extraRows, string journalSql)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            int c;
            while ((c = Interlocked.Increment(ref next)) < commits)
            {
                var id = $"{prefix}{c}";
                await using var transaction = await connection.BeginTransactionAsync();
                await using var batch = new NpgsqlBatch(connection, transaction);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    "INSERT INTO instances (id, state, revision) VALUES ($1, $2, 1) ON CONFLICT (id) DO UPDATE SET state = excluded.state, revision = instances.revision + 1")
                {
                    Parameters = { new() { Value = id, NpgsqlDbType = NpgsqlDbType.Text }, new() { Value = state, NpgsqlDbType = NpgsqlDbType.Text } },
                });
                if (extraRows > 0)
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(journalSql) { Parameters = { new() { Value = id, NpgsqlDbType = NpgsqlDbType.Text } } });
                await batch.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            }
        })));
    }
}
