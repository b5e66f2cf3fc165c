using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Justice.Casework.Persistence.Postgres;
using Justice.Workflows.Persistence;
using Justice.Workflows.Persistence.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Justice.Workflows.Tests;

/// <summary>
/// The database a test runs on. By default a SQLite file in the test's folder. With <c>JUSTICE_TEST_PROVIDER=Postgres</c>
/// a PostgreSQL database of its own (one per folder, so a test that reopens its folder reopens its database) on the
/// server of <c>JUSTICE_TEST_POSTGRES</c> (default: the local server as postgres), copied from a template migrated once
/// per test run; the run's databases are dropped when it ends, and those of runs that died are dropped by the next.
/// </summary>
public static class TestDatabase
{
    const string Prefix = "jwtest_";
    static readonly ConcurrentDictionary<string, string> Databases = new(StringComparer.Ordinal);
    static readonly SemaphoreSlim Creating = new(1, 1);
    static string? _template;

    /// <summary>The provider the tests run on: <c>Sqlite</c> or <c>Postgres</c>.</summary>
    public static string Provider { get; } = DatabaseProvider.Normalize(System.Environment.GetEnvironmentVariable("JUSTICE_TEST_PROVIDER"));

    public static bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>The server, without a database.</summary>
    public static string Server { get; } = System.Environment.GetEnvironmentVariable("JUSTICE_TEST_POSTGRES") is { Length: > 0 } configured
        ? configured
        : "Host=127.0.0.1;Username=postgres;Password=postgres";

    /// <summary>The settings that put a host on the test database (<c>Workflows:Provider</c>).</summary>
    public static Dictionary<string, string?> Settings => new() { ["Workflows:Provider"] = Provider };

    /// <summary>
    /// The connection string of the folder's database (SQLite: <paramref name="fileName"/> in it) on the test run's
    /// provider, or on <paramref name="provider"/> (a test of SQLite's upgrades runs on SQLite in every run).
    /// </summary>
    public static string ConnectionString(string folder, string fileName = "workflows.db", string? provider = null) =>
        DatabaseProvider.Normalize(provider ?? Provider) == DatabaseProvider.Postgres ? PostgresConnectionString(folder) : $"Data Source={Path.Combine(folder, fileName)}";

    /// <summary>A PostgreSQL database for a folder of a test (made on first use), on the server of <see cref="Server"/>.</summary>
    public static string PostgresConnectionString(string folder)
    {
        var name = Databases.GetOrAdd(Path.GetFullPath(folder), key =>
        {
            var made = $"{Prefix}{System.Environment.ProcessId}_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]}";
            CreateFromTemplateAsync(made).GetAwaiter().GetResult();
            return made;
        });
        return new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = true, MaxPoolSize = 10 }.ToString();
    }

    /// <summary>Closes the idle connections of a test's database when its host is disposed (SQLite: nothing to do).</summary>
    public static void Release(string connectionString)
    {
        if (!connectionString.StartsWith("Data Source=", StringComparison.Ordinal))
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    static async Task CreateFromTemplateAsync(string name)
    {
        await Creating.WaitAsync();
        try
        {
            _template ??= await MakeTemplateAsync();
            await ExecuteAsync($"""CREATE DATABASE "{name}" TEMPLATE "{_template}" """);
        }
        finally
        {
            Creating.Release();
        }
    }

    /// <summary>The engine's and the casework's tables migrated once; the portal's migrate on top in each portal test.</summary>
    static async Task<string> MakeTemplateAsync()
    {
        await DropDatabasesOfDeadRunsAsync();
        var template = $"{Prefix}{System.Environment.ProcessId}_template";
        await ExecuteAsync($"""DROP DATABASE IF EXISTS "{template}" WITH (FORCE)""");
        await ExecuteAsync($"""CREATE DATABASE "{template}" """);
        var connectionString = new NpgsqlConnectionStringBuilder(Server) { Database = template, Pooling = false }.ToString();
        await using (var engine = PostgresWorkflowDbContext.Create(connectionString))
            await engine.Database.MigrateAsync();
        await using (var casework = PostgresCaseworkDbContext.Create(connectionString))
            await casework.Database.MigrateAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropThisRunsDatabases();
        return template;
    }

    static void DropThisRunsDatabases()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in Databases.Values.Append($"{Prefix}{System.Environment.ProcessId}_template"))
        {
            try
            {
                ExecuteAsync($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // The server went first; the next run drops what is left.
            }
        }
    }

    /// <summary>Databases of test runs whose process is gone (killed, crashed) are dropped before this run makes its own.</summary>
    static async Task DropDatabasesOfDeadRunsAsync()
    {
        var names = new List<string>();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                names.Add(reader.GetString(0));
        }
        foreach (var name in names)
        {
            var pid = name[Prefix.Length..].Split('_')[0];
            if (int.TryParse(pid, out var id) && !IsRunning(id))
                await ExecuteAsync($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
        }
    }

    static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
