using Justice.Workflows.Management;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Justice.Workflows.Persistence;

/// <summary>The engine's tables: definitions, instances, bookmarks, timers, tasks, journal, incidents.</summary>
/// <remarks>Its migrations are SQLite's; PostgreSQL's belong to <see cref="Postgres.PostgresWorkflowDbContext"/>.</remarks>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__WorkflowMigrationsHistory";

    public DbSet<WorkflowDefinitionRecord> Definitions => Set<WorkflowDefinitionRecord>();
    public DbSet<WorkflowInstanceRecord> Instances => Set<WorkflowInstanceRecord>();
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();
    public DbSet<HumanTaskRecord> HumanTasks => Set<HumanTaskRecord>();
    public DbSet<JournalRecord> Journal => Set<JournalRecord>();
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => BuildModel(modelBuilder);

    /// <summary>The engine's tables (also PostgreSQL's migration context's model).</summary>
    internal static void BuildModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);

    /// <summary>Times are stored as UTC milliseconds (see <see cref="ConfigureConventions"/>); other contexts on the same tables use the same rule.</summary>
    public static void UseUtcMilliseconds(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcMillisecondsConverter>();
    }

    /// <summary>Times are stored as UTC milliseconds: sortable and comparable in SQL on every provider.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => UseUtcMilliseconds(configurationBuilder);

    sealed class UtcMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
