using Justice.Casework.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Intake;

/// <summary>What the filing asks before it starts a process: credit records of an applicant, the staff's case load, demo cases.</summary>
public sealed class IntakeQueries(IDbContextFactory<CaseworkDbContext> factory)
{
    /// <summary>Whether a false-commitment record of the person is in force on <paramref name="today"/> (not repaired, still valid).</summary>
    public async Task<bool> HasDishonestyAsync(string idNumber, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(idNumber))
            return false;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.CreditRecords.AsNoTracking().AnyAsync(r => r.SubjectId == idNumber.Trim().ToUpperInvariant() && r.RepairedOn == null && r.ValidUntil >= today, cancellationToken);
    }

    /// <summary>The number of cases each member holds actively in <paramref name="relation"/>, by address.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ActiveCaseLoadAsync(string relation, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.CaseMembers.AsNoTracking().Where(m => m.Active && m.Relation == relation)
            .GroupBy(m => m.UserEmail).Select(g => new { Email = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Email, g => g.Count, cancellationToken);
    }

    /// <summary>Whether cases flagged as demo were filed.</summary>
    public async Task<bool> HasDemoCasesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AnyAsync(c => c.IsDemo, cancellationToken);
    }
}
