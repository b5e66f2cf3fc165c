using Justice.Casework.Records;
namespace Justice.Casework.Cases;

/// <summary>Reads of case records (writes go through a <see cref="CaseSession"/> in a burst's transaction).</summary>
public interface ICaseStore
{
    /// <summary>Saves a session's changes on the burst's connection, inside its transaction.</summary>
    ValueTask WriteAsync(Justice.Workflows.Runtime.BurstTransaction transaction, Action<Persistence.CaseworkDbContext> apply, CancellationToken cancellationToken = default);

    Task<CaseRecord?> FindAsync(string caseId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CaseParty>> GetPartiesAsync(string caseId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CaseMember>> GetMembersAsync(string caseId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CasePeriod>> GetPeriodsAsync(string caseId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CaseDocument>> GetDocumentsAsync(string caseId, CancellationToken cancellationToken = default);
    Task<CaseDocument?> FindDocumentAsync(string documentId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<DocumentService>> GetServicesAsync(string caseId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CaseEntry>> GetEntriesAsync(string caseId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Notification>> GetNotificationsAsync(string recipient, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<OutboxMessage>> GetUnsentAsync(int max, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CreditRecord>> GetCreditRecordsAsync(string subjectId, CancellationToken cancellationToken = default);

    /// <summary>The cases in which a person holds any (or an active) relation.</summary>
    /// <summary>
    /// The open commitment cases made for a main case (by a sub-process of its process) that no running process will
    /// finish: those waiting for the main case's decision before their verification begins.
    /// </summary>
    Task<IReadOnlyList<string>> GetUnattendedCommitmentsAsync(CaseRecord main, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CaseMember>> GetMembershipsAsync(string userEmail, CancellationToken cancellationToken = default);
}
