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
/// The case timeline's lines are linked into their case's hash chain whenever they are saved (<see cref="SaveChangesAsync(bool, CancellationToken)"/>).
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
    public DbSet<DaySeal> DaySeals => Set<DaySeal>();

    /// <summary>The engine's instances (read to find a case's processes).</summary>
    public DbSet<WorkflowInstanceRecord> Instances => Set<WorkflowInstanceRecord>();

    /// <summary>The engine's inbox rows (joined with case members for "who may act").</summary>
    public DbSet<HumanTaskRecord> HumanTasks => Set<HumanTaskRecord>();

    /// <summary>The engine's timers (moved when holiday data changes a running period's last day).</summary>
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();

    /// <summary>The engine's journal (read by the integrity check and the day seals).</summary>
    public DbSet<JournalRecord> Journal => Set<JournalRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => BuildModel(modelBuilder, Database.IsPostgres());

    /// <summary>The case tables, the engine's mapped beside them (also PostgreSQL's migration context's model).</summary>
    internal static void BuildModel(ModelBuilder modelBuilder, bool postgres)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CaseworkDbContext).Assembly);
        if (postgres)
            Configurations.PostgresCaseConfiguration.Apply(modelBuilder);
        new WorkflowInstanceConfiguration().Configure(modelBuilder.Entity<WorkflowInstanceRecord>());
        new HumanTaskConfiguration().Configure(modelBuilder.Entity<HumanTaskRecord>());
        new TimerConfiguration().Configure(modelBuilder.Entity<TimerRecord>());
        new JournalConfiguration().Configure(modelBuilder.Entity<JournalRecord>());
        modelBuilder.Entity<WorkflowInstanceRecord>().ToTable("WorkflowInstances", t => t.ExcludeFromMigrations());
        modelBuilder.Entity<HumanTaskRecord>().ToTable("HumanTasks", t => t.ExcludeFromMigrations());
        modelBuilder.Entity<TimerRecord>().ToTable("Timers", t => t.ExcludeFromMigrations());
        modelBuilder.Entity<JournalRecord>().ToTable("Journal", t => t.ExcludeFromMigrations());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        WorkflowDbContext.UseUtcMilliseconds(configurationBuilder);

    /// <summary>
    /// Saves, linking new timeline lines onto their cases' chains first (<see cref="TimelineChain"/>): in the caller's
    /// transaction (a burst's) or in one of its own, so that reading a case's head and appending after it are one step.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = TimelineChain.Added(this);
        if (added.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await TimelineChain.LinkAsync(this, added, cancellationToken);
        var rows = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (own is not null)
            await own.CommitAsync(cancellationToken);
        return rows;
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        TimelineChain.Added(this).Count == 0 ? base.SaveChanges(acceptAllChangesOnSuccess) : SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();
}
