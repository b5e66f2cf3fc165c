using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Casework.Persistence;

/// <summary>The case tables: their context on the engine's database file, and their migrations.</summary>
public static class CaseworkPersistence
{
    public static IServiceCollection AddCaseworkPersistence(this IServiceCollection services, WorkflowOptions options, string connectionString)
    {
        services.AddPooledDbContextFactory<CaseworkDbContext>((provider, db) =>
        {
            switch (options.Provider.ToUpperInvariant())
            {
                case "SQLITE":
                    db.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(CaseworkDbContext.MigrationsHistoryTable))
                      .AddInterceptors(new SqlitePragmaInterceptor(options.Synchronous));
                    break;
                default:
                    throw new InvalidOperationException($"不支持的数据库提供程序“{options.Provider}”：目前支持 Sqlite。");
            }
        });
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
        await db.Database.MigrateAsync(cancellationToken);
        using (await services.GetRequiredService<WriteGate>().EnterAsync(cancellationToken))
            await TimelineChain.BackfillAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=2000; PRAGMA optimize=0x10002;", cancellationToken);
    }
}
