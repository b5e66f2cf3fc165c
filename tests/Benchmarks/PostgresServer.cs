using Npgsql;

namespace Justice.Workflows.Benchmarks;

/// <summary>
/// The PostgreSQL server of the benchmark's PostgreSQL rows: its durability settings as configured, and a fresh
/// database per run (<c>justice_bench_…</c>), dropped when the run ends.
/// </summary>
public sealed class PostgresServer
{
    readonly string _server;
    int _databases;

    PostgresServer(string server, string version, string fsync, string synchronousCommit)
    {
        _server = server;
        Version = version;
        Fsync = fsync;
        SynchronousCommit = synchronousCommit;
    }

    public string Version { get; }
    public string Fsync { get; }
    public string SynchronousCommit { get; }

    /// <summary>The server when it answers; otherwise null, with the reason printed.</summary>
    public static async Task<PostgresServer?> TryConnectAsync(string server)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Timeout = 5 }.ToString());
            await connection.OpenAsync();
            return new PostgresServer(server, await ScalarAsync(connection, "SHOW server_version"), await ScalarAsync(connection, "SHOW fsync"),
                await ScalarAsync(connection, "SHOW synchronous_commit"));
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            Console.WriteLine($"PostgreSQL rows skipped: the server ({server}) cannot be reached: {ex.Message}");
            return null;
        }
    }

    /// <summary>Creates an empty database for one run; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"justice_bench_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await ExecuteAsync($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
        await ExecuteAsync($"""CREATE DATABASE "{name}" """);
        return name;
    }

    /// <summary>Drops a run's database, after closing this process's idle connections to it.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
    }

    /// <summary>
    /// The connection string of a database; <paramref name="durable"/> makes every session commit with
    /// <c>synchronous_commit=on</c> (fsync stays as the server is configured); <paramref name="application"/> gives a
    /// node a connection pool of its own, as a process of its own would have.
    /// </summary>
    public string ConnectionString(string database, bool durable, string application = "justice-bench")
    {
        var builder = new NpgsqlConnectionStringBuilder(_server) { Database = database, ApplicationName = application, MaxPoolSize = 32 };
        if (durable)
            builder.Options = "-c synchronous_commit=on";
        return builder.ToString();
    }

    async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString() ?? "?";
    }
}
