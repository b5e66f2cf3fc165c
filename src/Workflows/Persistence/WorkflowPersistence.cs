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
            db.Use(options, connectionString, WorkflowDbContext.MigrationsHistoryTable);
            foreach (var configure in provider.GetServices<WorkflowDatabaseConfiguration>())
                configure.Apply(db);
        });
        services.AddSingleton(new WriteGate(exclusive: !options.IsPostgres(), writers: options.WriterCount()));
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

    /// <summary>Creates or migrates the engine's tables.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsPostgres())
        {
            await using var postgres = Postgres.PostgresWorkflowDbContext.Create(db.Database.GetConnectionString()!);
            await postgres.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        using (await services.GetRequiredService<WriteGate>().EnterAsync(cancellationToken))
            await JournalChainBackfill.RunAsync(db, cancellationToken);
        // PostgreSQL's autovacuum keeps its statistics; a bulk load asks for them at once (RefreshStatisticsAsync).
        if (db.Database.IsSqlite())
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
    /// the planner picks the covering indexes of the case lists; cheap when nothing changed. PostgreSQL samples every
    /// table again (its autovacuum does the same in time; after a bulk load the lists need it at once).
    /// </summary>
    public static async Task RefreshStatisticsAsync(this WorkflowDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=2000; PRAGMA optimize=0x10002;", cancellationToken);
        else
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
    }
}

/// <summary>One addition to the engine's context options (see <see cref="WorkflowPersistence.ConfigureWorkflowDatabase"/>).</summary>
public sealed class WorkflowDatabaseConfiguration(Action<DbContextOptionsBuilder> configure)
{
    public void Apply(DbContextOptionsBuilder builder) => configure(builder);
}
