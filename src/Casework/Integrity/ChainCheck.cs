using System.Globalization;
using Justice.Casework.Calendar;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Integrity;

/// <summary>
/// Checks one kind of record chain: reads every entry once, in chain order (<see cref="ChainVerifier"/>), and with the
/// same pass the heads of every sealed day (<see cref="DayHeads"/>), which must give the digest that was signed.
/// Days between the first and the last seal that have entries must be sealed too.
/// </summary>
public sealed class ChainCheck(IRecordChain chain, IDbContextFactory<CaseworkDbContext> factory, StatutoryCalendar calendar, IRecordSealer? sealer) : IIntegrityCheck
{
    const int ProgressEvery = 5000;

    public string Kind => chain.Kind;

    public async Task<IntegrityResult> RunAsync(IProgress<IntegrityProgress>? progress, CancellationToken cancellationToken = default)
    {
        var seals = await SealsAsync(cancellationToken);
        DateOnly? first = seals.Count == 0 ? null : seals.Keys.Min(), last = seals.Count == 0 ? null : seals.Keys.Max();
        var verifier = new ChainVerifier(chain.Kind, chain.Table);
        var days = new DayHeads(chain.Kind, calendar.Zone, day => day >= first && day <= last);
        var total = await chain.CountAsync(cancellationToken);
        progress?.Report(new IntegrityProgress(chain.Kind, 0, total));
        await foreach (var link in chain.ReadAsync(null, cancellationToken))
        {
            verifier.Add(link);
            days.Add(link);
            if (verifier.Entries % ProgressEvery == 0 && link.Canonical is not null)
                progress?.Report(new IntegrityProgress(chain.Kind, verifier.Entries, Math.Max(total, verifier.Entries)));
        }
        verifier.Finish();
        progress?.Report(new IntegrityProgress(chain.Kind, verifier.Entries, verifier.Entries));

        var intact = 0;
        var digests = days.Finish().ToDictionary(d => d.Day);
        foreach (var (day, seal) in seals)
        {
            var found = digests.TryGetValue(day, out var digest) ? digest.DigestHex : "";
            if (!string.Equals(found, seal.Digest, StringComparison.Ordinal))
                verifier.Report(chain.Kind, null, seal.Day, ProblemCodes.SealMismatch, seal.Digest, found, "DaySeals");
            else if (sealer is not null && !Verifies(seal, digest!.Digest))
                verifier.Report(chain.Kind, null, seal.Day, ProblemCodes.SealSignatureInvalid, seal.KeyId, seal.Algorithm, "DaySeals");
            else
                intact++;
        }
        foreach (var missing in digests.Values.Where(d => !seals.ContainsKey(d.Day)))
            verifier.Report(chain.Kind, null, missing.DayText, ProblemCodes.SealMissing, missing.DigestHex, "", "DaySeals");
        var note = (sealer, seals.Count) switch
        {
            (null, 0) => SealNotes.NoKey,
            (null, _) => SealNotes.SignaturesUnverified,
            (_, 0) => SealNotes.NoneSealedYet,
            _ => null,
        };
        return verifier.Result(intact, note);
    }

    async Task<Dictionary<DateOnly, DaySeal>> SealsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var seals = await db.DaySeals.AsNoTracking().Where(s => s.Kind == chain.Kind).ToListAsync(cancellationToken);
        var byDay = new Dictionary<DateOnly, DaySeal>();
        foreach (var seal in seals)
            if (DateOnly.TryParseExact(seal.Day, DayHeads.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                byDay[day] = seal;
        return byDay;
    }

    bool Verifies(DaySeal seal, byte[] digest)
    {
        try
        {
            return sealer!.Verify(digest, new SealedValue(seal.KeyId, seal.Algorithm, Convert.FromBase64String(seal.Signature)));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
