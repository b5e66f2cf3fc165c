using Justice.Casework.Persistence;
using Justice.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Workflows.Tests.Casework.Persistence;

/// <summary>
/// The case tables moved from the engine's context to the casework's. A database made before the move (the engine's
/// migrations up to 20261204171957_PeriodResumptions, case rows in it) keeps working: the engine records its
/// hand-over migration, the casework records its first migration, and nothing is created twice or lost.
/// </summary>
public sealed class CaseworkMigrationTests
{
    [Fact]
    public async Task Migrate_DatabaseMadeBeforeTheSplit_KeepsItsCasesAndRecordsBothHistories()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using (var old = new SqliteConnection($"Data Source={Path.Combine(folder, "workflows.db")}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Databases", "before-casework-split.sql"));
            await create.ExecuteNonQueryAsync();
            await using var insert = old.CreateCommand();
            insert.CommandText = """
                INSERT INTO "Cases" ("Id", "Kind", "Number", "Title", "Stage", "Status", "FieldsJson", "IsDemo", "CreatedAt", "UpdatedAt", "Revision")
                VALUES ('c1', 'arbitration', '（2026）仲字第1号', '买卖合同纠纷', '受理', 'open', '{}', 0, 1764115200000, 1764115200000, 3);
                INSERT INTO "NumberSeries" ("Key", "LastValue") VALUES ('arbitration/2026', 1);
                """;
            await insert.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        await using (var host = await WorkflowTestHost.CreateAsync(SqliteUpgrade, folder: folder))
        {
            await using var cases = await host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
            var record = await cases.Cases.AsNoTracking().SingleAsync(c => c.Id == "c1");
            Assert.Equal(("（2026）仲字第1号", 3L), (record.Number, record.Revision));
            Assert.Equal(1L, (await cases.NumberSeries.AsNoTracking().SingleAsync()).LastValue);
            Assert.Equal("20261207123917_InitialCasework", (await cases.Database.GetAppliedMigrationsAsync()).First());
            Assert.Empty(await cases.Database.GetPendingMigrationsAsync());
            Assert.False(cases.Database.HasPendingModelChanges());

            await using var engine = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            Assert.Contains("20261207123935_CaseTablesToCasework", await engine.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await engine.Database.GetPendingMigrationsAsync());
            Assert.False(engine.Database.HasPendingModelChanges());
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>An upgrade of a SQLite file made by an older version: SQLite's in every test run.</summary>
    static Dictionary<string, string?> SqliteUpgrade => new() { ["Workflows:Provider"] = "Sqlite" };

    [Fact]
    public async Task Migrate_NewDatabase_CreatesTheCaseTablesOnceAndLeavesNoModelChangesPending()
    {
        await using var host = await WorkflowTestHost.CreateAsync();

        await using var cases = await host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        Assert.Empty(await cases.Cases.ToListAsync());
        // Each provider's migrations belong to a context type of their own (PostgreSQL's apart from SQLite's).
        await using DbContext caseMigrations = host.IsPostgres
            ? Justice.Casework.Persistence.Postgres.PostgresCaseworkDbContext.Create(host.ConnectionString)
            : await host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        Assert.Empty(await caseMigrations.Database.GetPendingMigrationsAsync());
        Assert.False(caseMigrations.Database.HasPendingModelChanges());
        await using DbContext engine = host.IsPostgres
            ? Justice.Workflows.Persistence.Postgres.PostgresWorkflowDbContext.Create(host.ConnectionString)
            : await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Empty(await engine.Database.GetPendingMigrationsAsync());
        Assert.False(engine.Database.HasPendingModelChanges());
    }
}
