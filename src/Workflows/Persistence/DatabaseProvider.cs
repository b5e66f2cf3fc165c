using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Justice.Workflows.Persistence;

/// <summary>
/// The database the system runs on (<c>Workflows:Provider</c>): SQLite, one file, the default; or PostgreSQL, shared by
/// several portal nodes. Every context (engine, casework, accounts) is configured here, each with its own migration
/// history table; PostgreSQL's migrations are kept apart from SQLite's, on a context type of their own.
/// </summary>
public static class DatabaseProvider
{
    public const string Sqlite = WorkflowOptions.SqliteProvider;
    public const string Postgres = WorkflowOptions.PostgresProvider;

    /// <inheritdoc cref="WorkflowOptions.NormalizeProvider"/>
    public static string Normalize(string? provider) => WorkflowOptions.NormalizeProvider(provider);

    public static bool IsPostgres(this WorkflowOptions options) => Normalize(options.Provider) == Postgres;

    /// <summary>The group-commit writers of the process (<c>Workflows:Writers</c>): 1 on SQLite, 4 by default on PostgreSQL.</summary>
    public static int WriterCount(this WorkflowOptions options) => options.IsPostgres() ? Math.Max(1, options.Writers ?? 4) : 1;

    /// <summary>Sets the provider, its connection string and the context's migration history table.</summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder db, WorkflowOptions options, string connectionString, string historyTable)
    {
        if (options.IsPostgres())
            return db.UseNpgsql(connectionString, postgres => postgres.MigrationsHistoryTable(historyTable));
        return db.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(historyTable))
            .AddInterceptors(new SqlitePragmaInterceptor(options.Synchronous));
    }

    /// <summary>Whether a context runs on PostgreSQL.</summary>
    public static bool IsPostgres(this DatabaseFacade database) => database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Within the current transaction on PostgreSQL, waits for the named lock (a transaction-scoped advisory lock), so
    /// that appends which read a chain's head and write after it take turns across every node; released at commit. On
    /// SQLite the transaction's write lock already does this.
    /// </summary>
    public static async Task LockAsync(this DatabaseFacade database, string name, CancellationToken cancellationToken = default)
    {
        if (database.IsPostgres())
            await database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended({0}, 0))", [name], cancellationToken);
    }
}
