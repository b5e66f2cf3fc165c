using Justice.Casework.Calendar;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Casework.Integrity;

/// <summary>
/// Seals every finished day of every kind of chain that has entries and no seal yet, after the last sealed day: the
/// digest of its chain heads (<see cref="DayHeads"/>), signed by the bureau's key (<see cref="IRecordSealer"/>). A day
/// counts as finished <see cref="IntegrityOptions.SealDelay"/> after its end. Without a sealer nothing is sealed.
/// </summary>
public sealed class DaySealing(
    IEnumerable<IRecordChain> chains, IDbContextFactory<CaseworkDbContext> factory, WriteGate gate, StatutoryCalendar calendar, TimeProvider clock,
    IOptions<IntegrityOptions> options, ILogger<DaySealing> logger, IRecordSealer? sealer = null)
{
    readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Whether a signing key is configured.</summary>
    public bool CanSeal => sealer is not null;

    /// <summary>The last day that may be sealed now: the one before the day <see cref="IntegrityOptions.SealDelay"/> ago.</summary>
    public DateOnly LastFinishedDay => calendar.Today(clock.GetUtcNow() - options.Value.SealDelay).AddDays(-1);

    /// <summary>Seals what is due; returns the seals written.</summary>
    public async Task<int> SealFinishedDaysAsync(CancellationToken cancellationToken = default)
    {
        if (sealer is null)
            return 0;
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var written = 0;
            foreach (var chain in chains)
                written += await SealAsync(chain, sealer, LastFinishedDay, cancellationToken);
            return written;
        }
        finally
        {
            _turn.Release();
        }
    }

    async Task<int> SealAsync(IRecordChain chain, IRecordSealer signer, DateOnly lastFinished, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var lastText = await db.DaySeals.Where(s => s.Kind == chain.Kind).MaxAsync(s => (string?)s.Day, cancellationToken);
        DateOnly? lastSealed = lastText is null ? null : DateOnly.ParseExact(lastText, DayHeads.DayFormat, System.Globalization.CultureInfo.InvariantCulture);
        if (lastSealed >= lastFinished)
            return 0;
        var days = new DayHeads(chain.Kind, calendar.Zone, day => (lastSealed is null || day > lastSealed) && day <= lastFinished);
        var since = lastSealed is { } after ? DayHeads.StartOf(after.AddDays(1), calendar.Zone) : (DateTimeOffset?)null;
        await foreach (var link in chain.ReadAsync(since, cancellationToken))
            days.Add(link);
        var now = clock.GetUtcNow();
        foreach (var day in days.Finish())
        {
            var seal = await signer.SealAsync(day.Digest, cancellationToken);
            db.DaySeals.Add(new DaySeal
            {
                Day = day.DayText, Kind = chain.Kind, Chains = day.Chains, Digest = day.DigestHex,
                KeyId = seal.KeyId, Algorithm = seal.Algorithm, Signature = Convert.ToBase64String(seal.Signature), SealedAt = now,
            });
        }
        var count = db.ChangeTracker.Entries<DaySeal>().Count();
        if (count == 0)
            return 0;
        using (await gate.EnterAsync(cancellationToken))
            await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Kind}：已封存 {Count} 日的链头。", chain.Kind, count);
        return count;
    }
}
