using Justice.Casework.Records;
using Justice.Workflows.Persistence;
using Justice.Workflows.Persistence.Configurations;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Persistence;

/// <summary>
/// The bureau's tables: cases, parties, members, documents and their service, periods, timeline, notifications,
/// outbox, number series and credit records. The engine's instances, timers and tasks are mapped too, so that the
/// inbox and the case file can join them in one query, but they are the engine's: excluded from these migrations.
/// </summary>
public sealed class CaseworkDbContext(DbContextOptions<CaseworkDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__CaseworkMigrationsHistory";

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
    public DbSet<IssuedPdf> IssuedPdfs => Set<IssuedPdf>();
    public DbSet<CaseArchive> CaseArchives => Set<CaseArchive>();

    /// <summary>The engine's instances (read to find a case's processes).</summary>
    public DbSet<WorkflowInstanceRecord> Instances => Set<WorkflowInstanceRecord>();

    /// <summary>The engine's inbox rows (joined with case members for "who may act").</summary>
    public DbSet<HumanTaskRecord> HumanTasks => Set<HumanTaskRecord>();

    /// <summary>The engine's timers (moved when holiday data changes a running period's last day).</summary>
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CaseworkDbContext).Assembly);
        new WorkflowInstanceConfiguration().Configure(modelBuilder.Entity<WorkflowInstanceRecord>());
        new HumanTaskConfiguration().Configure(modelBuilder.Entity<HumanTaskRecord>());
        new TimerConfiguration().Configure(modelBuilder.Entity<TimerRecord>());
        modelBuilder.Entity<WorkflowInstanceRecord>().ToTable("WorkflowInstances", t => t.ExcludeFromMigrations());
        modelBuilder.Entity<HumanTaskRecord>().ToTable("HumanTasks", t => t.ExcludeFromMigrations());
        modelBuilder.Entity<TimerRecord>().ToTable("Timers", t => t.ExcludeFromMigrations());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        WorkflowDbContext.UseUtcMilliseconds(configurationBuilder);
}
