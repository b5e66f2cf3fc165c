using Justice.Workflows.Cases;
using Justice.Workflows.Persistence.Entities;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Justice.Workflows.Persistence;

/// <summary>The engine's tables: definitions, instances, bookmarks, timers, tasks, journal, incidents.</summary>
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
    public DbSet<CaseRecord> Cases => Set<CaseRecord>();
    public DbSet<CaseParty> CaseParties => Set<CaseParty>();
    public DbSet<CaseMember> CaseMembers => Set<CaseMember>();
    public DbSet<CaseDocument> CaseDocuments => Set<CaseDocument>();
    public DbSet<DocumentService> DocumentServices => Set<DocumentService>();
    public DbSet<CasePeriod> CasePeriods => Set<CasePeriod>();
    public DbSet<CaseEntry> CaseEntries => Set<CaseEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<NumberSeries> NumberSeries => Set<NumberSeries>();
    public DbSet<CreditRecord> CreditRecords => Set<CreditRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);

    /// <summary>Times are stored as UTC milliseconds: sortable and comparable in SQL on every provider.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcMillisecondsConverter>();
    }

    sealed class UtcMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
