using Justice.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Justice.Casework.Persistence.Postgres;

/// <summary>
/// The case tables' model as PostgreSQL's migrations know it (folder <c>Persistence/Postgres/Migrations</c>), apart
/// from SQLite's; used only to migrate.
/// </summary>
public sealed class PostgresCaseworkDbContext(DbContextOptions<PostgresCaseworkDbContext> options) : DbContext(options)
{
    public static PostgresCaseworkDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresCaseworkDbContext>()
            .UseNpgsql(connectionString, postgres => postgres.MigrationsHistoryTable(CaseworkDbContext.MigrationsHistoryTable)).Options);

    protected override void OnModelCreating(ModelBuilder modelBuilder) => CaseworkDbContext.BuildModel(modelBuilder, postgres: true);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => WorkflowDbContext.UseUtcMilliseconds(configurationBuilder);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresCaseworkDbContext</c> build the context without a host or a server.</summary>
public sealed class DesignTimePostgresCaseworkDbContextFactory : IDesignTimeDbContextFactory<PostgresCaseworkDbContext>
{
    public PostgresCaseworkDbContext CreateDbContext(string[] args) => PostgresCaseworkDbContext.Create("Host=localhost;Database=justice_design");
}
