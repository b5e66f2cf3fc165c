using System.Globalization;
using Justice.Workflows.Common;

namespace Justice.Casework.Integrity;

/// <summary>
/// The digest of one day's chain heads for one kind of chain: for every chain that took entries that day (a day of the
/// bureau's calendar), its last entry of the day — <c>chainId sequence hash</c> — in the order the chains are read,
/// after a header naming the kind and the day; SM3 over all of it. Fed one kind's links in chain order, it keeps one
/// digest per wanted day and, of the chain being read, one head per day: memory bounded by days, not entries
/// (docs/integrity.md §3).
/// </summary>
public sealed class DayHeads(string kind, TimeZoneInfo zone, Func<DateOnly, bool> wanted)
{
    public const string DayFormat = "yyyy-MM-dd";

    readonly Dictionary<DateOnly, (long Sequence, string Hash)> _chainDays = [];
    readonly SortedDictionary<DateOnly, (Sm3Accumulator Digest, int Chains)> _days = [];
    string? _chain;

    public void Add(ChainLink link)
    {
        if (link.Canonical is null)
            return;
        if (!string.Equals(link.ChainId, _chain, StringComparison.Ordinal))
        {
            EndChain();
            _chain = link.ChainId;
        }
        var day = DayOf(link.At, zone);
        if (wanted(day))
            _chainDays[day] = (link.Sequence, link.Hash ?? "");
    }

    /// <summary>Every wanted day that had entries, with how many chains and the digest.</summary>
    public IReadOnlyList<DayDigest> Finish()
    {
        EndChain();
        return [.. _days.Select(d => new DayDigest(d.Key, d.Value.Chains, d.Value.Digest.Finish()))];
    }

    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The first instant of a day of the bureau.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);

    void EndChain()
    {
        foreach (var (day, head) in _chainDays)
        {
            if (!_days.TryGetValue(day, out var digest))
                digest = (HashChain.Accumulate().Append($"justice-day-seal/1\n{kind}\n{day.ToString(DayFormat, CultureInfo.InvariantCulture)}\n"), 0);
            digest.Digest.Append(string.Create(CultureInfo.InvariantCulture, $"{_chain} {head.Sequence} {head.Hash}\n"));
            _days[day] = (digest.Digest, digest.Chains + 1);
        }
        _chainDays.Clear();
    }
}

/// <summary>A day's digest of one kind of chain.</summary>
public sealed record DayDigest(DateOnly Day, int Chains, byte[] Digest)
{
    public string DayText => Day.ToString(DayHeads.DayFormat, CultureInfo.InvariantCulture);

    public string DigestHex => Convert.ToHexStringLower(Digest);
}
