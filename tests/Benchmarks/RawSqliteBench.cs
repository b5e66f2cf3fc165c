using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Justice.Workflows.Benchmarks;

/// <summary>The raw limit: plain Microsoft.Data.Sqlite in WAL mode doing the same commits of the same size.</summary>
public static class RawSqliteBench
{
    public static BenchResult Run(string folder, int lifecycles, double commitsPerLifecycle, double rowsPerCommit, int stateBytes)
    {
        Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "raw.db")}");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute(connection, "CREATE TABLE instances (id TEXT PRIMARY KEY, state TEXT NOT NULL, revision INTEGER NOT NULL);");
        Execute(connection, "CREATE TABLE journal (instance TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (instance, seq));");
        var state = new string('x', stateBytes);
        var commits = (int)Math.Round(lifecycles * commitsPerLifecycle);
        var extraRows = Math.Max(0, (int)Math.Round(rowsPerCommit) - 1);

        using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO instances (id, state, revision) VALUES ($id, $state, 1) ON CONFLICT(id) DO UPDATE SET state = excluded.state, revision = revision + 1;";
        var id = upsert.Parameters.Add("$id", SqliteType.Text);
        upsert.Parameters.AddWithValue("$state", state);
        using var journal = connection.CreateCommand();
        journal.CommandText = "INSERT INTO journal (instance, seq, data) VALUES ($instance, $seq, '{}');";
        var instance = journal.Parameters.Add("$instance", SqliteType.Text);
        var seq = journal.Parameters.Add("$seq", SqliteType.Integer);

        var watch = Stopwatch.StartNew();
        var sequence = 0;
        for (var c = 0; c < commits; c++)
        {
            using var transaction = connection.BeginTransaction();
            upsert.Transaction = transaction;
            journal.Transaction = transaction;
            id.Value = $"i{c}";
            upsert.ExecuteNonQuery();
            for (var r = 0; r < extraRows; r++)
            {
                instance.Value = id.Value;
                seq.Value = ++sequence;
                journal.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        watch.Stop();
        Console.WriteLine($"raw Microsoft.Data.Sqlite WAL NORMAL: {commits} commits of {1 + extraRows} rows ({stateBytes} bytes state) in {watch.ElapsedMilliseconds} ms = {commits / watch.Elapsed.TotalSeconds:N0} commits/s");
        return new BenchResult("raw SQLite limit (same commits)", lifecycles, watch.Elapsed, commitsPerLifecycle);
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
