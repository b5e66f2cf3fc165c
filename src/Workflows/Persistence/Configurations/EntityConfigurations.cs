using Justice.Workflows.Management;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Justice.Workflows.Persistence.Configurations;

sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> b)
    {
        b.ToTable("WorkflowDefinitions");
        b.HasKey(d => d.Id);
        b.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        b.HasIndex(d => new { d.DefinitionId, d.IsPublished });
        b.HasIndex(d => d.IsLatest);
    }
}

public sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> b)
    {
        b.ToTable("WorkflowInstances");
        b.HasKey(i => i.Id);
        b.Property(i => i.Revision).IsConcurrencyToken();
        b.HasIndex(i => i.CorrelationId);
        b.HasIndex(i => i.ParentInstanceId);
        b.HasIndex(i => new { i.Status, i.DefinitionId });
        b.HasIndex(i => new { i.DefinitionVersionId, i.Status });
        b.HasIndex(i => i.UpdatedAt);
    }
}

sealed class BookmarkConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> b)
    {
        b.ToTable("Bookmarks");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Hash);
        b.HasIndex(x => x.InstanceId);
    }
}

public sealed class TimerConfiguration : IEntityTypeConfiguration<TimerRecord>
{
    public void Configure(EntityTypeBuilder<TimerRecord> b)
    {
        b.ToTable("Timers");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.DueAt);
        b.HasIndex(x => x.BookmarkId);
    }
}

public sealed class HumanTaskConfiguration : IEntityTypeConfiguration<HumanTaskRecord>
{
    public void Configure(EntityTypeBuilder<HumanTaskRecord> b)
    {
        b.ToTable("HumanTasks");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.Role, x.Status, x.DueAt });
        b.HasIndex(x => new { x.Assignee, x.Status });
        b.HasIndex(x => x.InstanceId);
        b.HasIndex(x => new { x.CaseId, x.Status });
    }
}

public sealed class JournalConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> b)
    {
        b.ToTable("Journal");
        b.HasKey(x => new { x.InstanceId, x.Sequence });
    }
}

sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> b)
    {
        b.ToTable("Incidents");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.InstanceId);
    }
}
