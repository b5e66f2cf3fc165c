using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Cases;

/// <summary>Case reads on EF Core.</summary>
public sealed class EfCaseStore(IDbContextFactory<CaseworkDbContext> factory) : ICaseStore
{
    /// <summary>Saves case changes on the burst's connection, inside its transaction.</summary>
    public async ValueTask WriteAsync(BurstTransaction transaction, Action<CaseworkDbContext> apply, CancellationToken cancellationToken = default)
    {
        var builder = new DbContextOptionsBuilder<CaseworkDbContext>();
        var options = (transaction.Connection is Npgsql.NpgsqlConnection postgres ? builder.UseNpgsql(postgres) : builder.UseSqlite(transaction.Connection)).Options;
        await using var db = new CaseworkDbContext(options);
        await db.Database.UseTransactionAsync(transaction.Transaction, cancellationToken);
        apply(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new WorkflowConflictException("案件已被其他操作修改。");
        }
    }

    async Task<T> ReadAsync<T>(Func<CaseworkDbContext, Task<T>> query, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await query(db);
    }

    public Task<CaseRecord?> FindAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReadAsync(db => db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CaseParty>> GetPartiesAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CaseParty>>(async db => await db.CaseParties.AsNoTracking().Where(p => p.CaseId == caseId).OrderBy(p => p.Ordinal).ToListAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CaseMember>> GetMembersAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CaseMember>>(async db => await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == caseId).OrderBy(m => m.Since).ToListAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CasePeriod>> GetPeriodsAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CasePeriod>>(async db => await db.CasePeriods.AsNoTracking().Where(p => p.CaseId == caseId).OrderBy(p => p.StartOn).ThenBy(p => p.Id).ToListAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CaseDocument>> GetDocumentsAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CaseDocument>>(async db => await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.IssuedAt).ThenBy(d => d.Id).ToListAsync(cancellationToken), cancellationToken);

    public Task<CaseDocument?> FindDocumentAsync(string documentId, CancellationToken cancellationToken = default) =>
        ReadAsync(db => db.CaseDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DocumentService>> GetServicesAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<DocumentService>>(async db => await db.DocumentServices.AsNoTracking().Where(s => s.CaseId == caseId).ToListAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CaseEntry>> GetEntriesAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CaseEntry>>(async db => await db.CaseEntries.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Notification>> GetNotificationsAsync(string recipient, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<Notification>>(async db => await db.Notifications.AsNoTracking().Where(n => n.Recipient == recipient).OrderByDescending(n => n.CreatedAt).ToListAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> GetUnsentAsync(int max, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<OutboxMessage>>(async db => await db.Outbox.AsNoTracking().Where(o => o.SentAt == null).OrderBy(o => o.CreatedAt).Take(max).ToListAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CreditRecord>> GetCreditRecordsAsync(string subjectId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CreditRecord>>(async db => await db.CreditRecords.AsNoTracking().Where(c => c.SubjectId == subjectId).OrderBy(c => c.RecordedOn).ToListAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CaseMember>> GetMembershipsAsync(string userEmail, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CaseMember>>(async db => await db.CaseMembers.AsNoTracking().Where(m => m.UserEmail == userEmail).ToListAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<string>> GetUnattendedCommitmentsAsync(CaseRecord main, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<string>>(async db => main.InstanceId is not { } process ? [] : await db.Cases.AsNoTracking()
            .Where(c => c.Kind == CaseKinds.Commitment && c.Status == CaseStatus.Open
                && db.Instances.Any(i => i.Id == c.InstanceId && i.ParentInstanceId == process)
                && !db.Instances.Any(i => i.CorrelationId == c.Id && i.Status == Justice.Workflows.Runtime.WorkflowStatus.Running))
            .Select(c => c.Id).ToListAsync(cancellationToken), cancellationToken);
}
