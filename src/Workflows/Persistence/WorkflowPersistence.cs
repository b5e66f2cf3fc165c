using Justice.Workflows.Management;
using Justice.Workflows.Persistence.Stores;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Workflows.Persistence;

/// <summary>The engine's database: the EF context on the configured provider, the stores, migration at start-up.</summary>
public static class WorkflowPersistence
{
    /// <summary>Adds the context factory, the write gate and the stores behind the runtime's store interfaces.</summary>
    public static IServiceCollection AddWorkflowPersistence(this IServiceCollection services, WorkflowOptions options, string connectionString)
    {
        services.AddPooledDbContextFactory<WorkflowDbContext>((provider, db) =>
        {
            ConfigureProvider(db, options, connectionString);
            foreach (var configure in provider.GetServices<WorkflowDatabaseConfiguration>())
                configure.Apply(db);
        });
        services.AddSingleton(new WriteGate(exclusive: options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)));
        services.AddSingleton<IInstanceStore, EfInstanceStore>();
        services.AddSingleton<IBookmarkStore, EfBookmarkStore>();
        services.AddSingleton<ITaskStore, EfTaskStore>();
        services.AddSingleton<ITimerStore, EfTimerStore>();
        services.AddSingleton<IInstanceQueries, EfInstanceQueries>();
        services.AddSingleton<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>();
        return services;
    }

    /// <summary>Adds to the engine's context options (an interceptor, logging), after the provider is set.</summary>
    public static IServiceCollection ConfigureWorkflowDatabase(this IServiceCollection services, Action<DbContextOptionsBuilder> configure) =>
        services.AddSingleton(new WorkflowDatabaseConfiguration(configure));

    static void ConfigureProvider(DbContextOptionsBuilder db, WorkflowOptions options, string connectionString)
    {
        switch (options.Provider.ToUpperInvariant())
        {
            case "SQLITE":
                db.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
                  .AddInterceptors(new SqlitePragmaInterceptor(options.Synchronous));
                break;
            default:
                throw new InvalidOperationException($"不支持的数据库提供程序“{options.Provider}”：目前支持 Sqlite。");
        }
    }

    /// <summary>Creates or migrates the engine's tables.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        using (await services.GetRequiredService<WriteGate>().EnterAsync(cancellationToken))
            await JournalChainBackfill.RunAsync(db, cancellationToken);
        await db.RefreshStatisticsAsync(cancellationToken);
    }

    /// <summary>Refreshes the planner's statistics of the whole database (see <see cref="RefreshStatisticsAsync(WorkflowDbContext, CancellationToken)"/>).</summary>
    public static async Task RefreshStatisticsAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.RefreshStatisticsAsync(cancellationToken);
    }

    /// <summary>
    /// Lets SQLite re-measure the tables whose statistics are missing or stale (a sampled <c>ANALYZE</c>), so that
    /// the planner picks the covering indexes of the case lists; cheap when nothing changed.
    /// </summary>
    public static async Task RefreshStatisticsAsync(this WorkflowDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=2000; PRAGMA optimize=0x10002;", cancellationToken);
    }
}

/// <summary>One addition to the engine's context options (see <see cref="WorkflowPersistence.ConfigureWorkflowDatabase"/>).</summary>
public sealed class WorkflowDatabaseConfiguration(Action<DbContextOptionsBuilder> configure)
{
    public void Apply(DbContextOptionsBuilder builder) => configure(builder);
}
