using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Justice.Workflows.Persistence.Postgres;

/// <summary>
/// The engine's model as PostgreSQL's migrations know it: its own context type with its own migrations (folder
/// <c>Persistence/Postgres/Migrations</c>), apart from SQLite's, as EF Core recommends for several providers. Used only
/// to migrate; the stores use <see cref="WorkflowDbContext"/> on either provider.
/// </summary>
public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : DbContext(options)
{
    public static PostgresWorkflowDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresWorkflowDbContext>()
            .UseNpgsql(connectionString, postgres => postgres.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable)).Options);

    protected override void OnModelCreating(ModelBuilder modelBuilder) => WorkflowDbContext.BuildModel(modelBuilder);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => WorkflowDbContext.UseUtcMilliseconds(configurationBuilder);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresWorkflowDbContext</c> build the context without a host or a server.</summary>
public sealed class DesignTimePostgresWorkflowDbContextFactory : IDesignTimeDbContextFactory<PostgresWorkflowDbContext>
{
    public PostgresWorkflowDbContext CreateDbContext(string[] args) => PostgresWorkflowDbContext.Create("Host=localhost;Database=justice_design");
}
