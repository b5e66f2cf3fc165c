using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Data.Postgres;

/// <summary>
/// The accounts' model as PostgreSQL's migrations know it (folder <c>Data/Postgres/Migrations</c>), apart from
/// SQLite's; used only to migrate. Identity's schema version is the one the portal configures (version 3: passkeys).
/// </summary>
public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    /// <summary>Identity reads its schema version from the application's options, as the portal's own context does.</summary>
    static readonly IServiceProvider IdentityOptions = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3).BuildServiceProvider();

    public static PostgresApplicationDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresApplicationDbContext>().UseNpgsql(connectionString).UseApplicationServiceProvider(IdentityOptions).Options);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ApplicationDbContext.ConfigureModel(builder);
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresApplicationDbContext</c> build the context without a host or a server.</summary>
public sealed class DesignTimePostgresApplicationDbContextFactory : IDesignTimeDbContextFactory<PostgresApplicationDbContext>
{
    public PostgresApplicationDbContext CreateDbContext(string[] args) => PostgresApplicationDbContext.Create("Host=localhost;Database=justice_design");
}
