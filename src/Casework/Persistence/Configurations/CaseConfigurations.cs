using Justice.Casework.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Justice.Casework.Persistence.Configurations;

sealed class CaseRecordConfiguration : IEntityTypeConfiguration<CaseRecord>
{
    public void Configure(EntityTypeBuilder<CaseRecord> b)
    {
        b.ToTable("Cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Revision).IsConcurrencyToken();
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => c.InstanceId);
        // The office a commitment case was used by, read from its fields; a virtual column so that the lists can index it.
        b.Property(c => c.ParentKind).HasComputedColumnSql("CASE WHEN json_valid(\"FieldsJson\") THEN json_extract(\"FieldsJson\", '$.parentKind') END", stored: false);
        // Case lists page through these indexes without reading the case rows (which carry the rule set): each
        // one holds the filter, the sort order and the id, so counts and pages are index-only; the two main ones
        // also hold the number and the title, so that a free-text search is checked inside the index as well.
        b.HasIndex(c => new { c.Kind, c.FiledOn, c.Id, c.Number, c.Title });
        b.HasIndex(c => new { c.FiledOn, c.Id, c.Number, c.Title });
        b.HasIndex(c => new { c.Kind, c.Stage, c.FiledOn, c.Id });
        b.HasIndex(c => new { c.Kind, c.Status, c.FiledOn, c.Id });
        b.HasIndex(c => new { c.Kind, c.Number, c.Id });
        b.HasIndex(c => new { c.Kind, c.UpdatedAt, c.Id });
        b.HasIndex(c => new { c.Kind, c.ParentKind, c.Id });
    }
}

sealed class CasePartyConfiguration : IEntityTypeConfiguration<CaseParty>
{
    public void Configure(EntityTypeBuilder<CaseParty> b)
    {
        b.ToTable("CaseParties");
        b.HasKey(p => p.Id);
        b.HasIndex(p => p.CaseId);
        b.HasIndex(p => new { p.Name, p.CaseId });
        b.HasIndex(p => new { p.UserEmail, p.CaseId });
        b.HasIndex(p => new { p.AgentEmail, p.CaseId });
    }
}

sealed class CaseMemberConfiguration : IEntityTypeConfiguration<CaseMember>
{
    public void Configure(EntityTypeBuilder<CaseMember> b)
    {
        b.ToTable("CaseMembers");
        b.HasKey(m => m.Id);
        // The inbox checks a task's case relation per task: answered from this index without reading the rows.
        b.HasIndex(m => new { m.CaseId, m.UserEmail, m.Relation, m.Active });
        b.HasIndex(m => new { m.UserEmail, m.Active, m.CaseId });
    }
}

sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> b)
    {
        b.ToTable("CaseDocuments");
        b.HasKey(d => d.Id);
        b.HasIndex(d => d.CaseId);
        b.HasIndex(d => d.Number);
    }
}

sealed class IssuedPdfConfiguration : IEntityTypeConfiguration<IssuedPdf>
{
    public void Configure(EntityTypeBuilder<IssuedPdf> b)
    {
        b.ToTable("IssuedPdfs");
        b.HasKey(p => p.DocumentId);
        b.HasIndex(p => p.Sha256);
        b.HasIndex(p => p.CaseId);
    }
}

sealed class CaseArchiveConfiguration : IEntityTypeConfiguration<CaseArchive>
{
    public void Configure(EntityTypeBuilder<CaseArchive> b)
    {
        b.ToTable("CaseArchives");
        b.HasKey(a => a.CaseId);
    }
}

sealed class DocumentServiceConfiguration : IEntityTypeConfiguration<DocumentService>
{
    public void Configure(EntityTypeBuilder<DocumentService> b)
    {
        b.ToTable("DocumentServices");
        b.HasKey(s => s.Id);
        b.HasIndex(s => s.CaseId);
        b.HasIndex(s => s.DocumentId);
    }
}

sealed class CasePeriodConfiguration : IEntityTypeConfiguration<CasePeriod>
{
    public void Configure(EntityTypeBuilder<CasePeriod> b)
    {
        b.ToTable("CasePeriods");
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.CaseId, p.Code });
        b.HasIndex(p => new { p.Status, p.DueOn });
        b.HasIndex(p => p.BookmarkId);
    }
}

sealed class CaseEntryConfiguration : IEntityTypeConfiguration<CaseEntry>
{
    public void Configure(EntityTypeBuilder<CaseEntry> b)
    {
        b.ToTable("CaseEntries");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.CaseId, e.At });
        // One line per place in a case's chain: two writers linking onto the same head cannot both commit.
        b.HasIndex(e => new { e.CaseId, e.Sequence }).IsUnique();
        // Lines written before the chain existed, until start-up links them; empty ever after, so finding none is instant.
        b.HasIndex(e => new { e.CaseId, e.Sequence }, "IX_CaseEntries_Unchained").HasFilter("\"Hash\" IS NULL");
    }
}

sealed class DaySealConfiguration : IEntityTypeConfiguration<DaySeal>
{
    public void Configure(EntityTypeBuilder<DaySeal> b)
    {
        b.ToTable("DaySeals");
        b.HasKey(s => new { s.Kind, s.Day });
    }
}

sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.HasKey(n => n.Id);
        b.HasIndex(n => new { n.Recipient, n.ReadAt });
        // The newest notifications of a recipient without sorting all of them.
        b.HasIndex(n => new { n.Recipient, n.CreatedAt, n.Id });
    }
}

sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.HasKey(o => o.Id);
        b.HasIndex(o => o.SentAt);
    }
}

sealed class NumberSeriesConfiguration : IEntityTypeConfiguration<NumberSeries>
{
    public void Configure(EntityTypeBuilder<NumberSeries> b)
    {
        b.ToTable("NumberSeries");
        b.HasKey(n => n.Key);
    }
}

sealed class CreditRecordConfiguration : IEntityTypeConfiguration<CreditRecord>
{
    public void Configure(EntityTypeBuilder<CreditRecord> b)
    {
        b.ToTable("CreditRecords");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.SubjectId);
        b.HasIndex(c => c.CaseId);
    }
}
