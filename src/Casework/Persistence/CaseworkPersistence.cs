using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Casework.Persistence;

/// <summary>The case tables: their context on the engine's database, and their migrations (SQLite's and PostgreSQL's apart).</summary>
public static class CaseworkPersistence
{
    public static IServiceCollection AddCaseworkPersistence(this IServiceCollection services, WorkflowOptions options, string connectionString)
    {
        services.AddPooledDbContextFactory<CaseworkDbContext>(db => db.Use(options, connectionString, CaseworkDbContext.MigrationsHistoryTable));
        return services;
    }

    /// <summary>
    /// Creates the case tables where they are missing and records the casework migrations. Databases made before the
    /// casework had its own context already hold the tables (the engine's first migrations created them), so the
    /// initial casework migration only creates what is absent.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsPostgres())
        {
            await using var postgres = Postgres.PostgresCaseworkDbContext.Create(db.Database.GetConnectionString()!);
            await postgres.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        using (await services.GetRequiredService<WriteGate>().EnterAsync(cancellationToken))
            await TimelineChain.BackfillAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=2000; PRAGMA optimize=0x10002;", cancellationToken);
    }
}
