using Justice.Workflows.Common;

namespace Justice.Casework.Integrity;

/// <summary>
/// Follows one kind's links in chain order and keeps the first broken entry of each chain: a sequence number missing
/// before it, a previous hash that is not its predecessor's, a hash its content no longer gives, and at the chain's
/// end a head kept elsewhere that is not the last entry's. After the first break a chain is not followed further:
/// everything after a changed entry is suspect, and the report names where it starts.
/// </summary>
public sealed class ChainVerifier(string kind, string table)
{
    readonly List<IntegrityProblem> _problems = [];
    string? _chain;
    long _next;
    string _previous = HashChain.Genesis;
    bool _broken;
    string? _recordedHead;

    public long Chains { get; private set; }
    public long Entries { get; private set; }
    public long BrokenChains { get; private set; }
    public IReadOnlyList<IntegrityProblem> Problems => _problems;

    public void Add(ChainLink link)
    {
        if (link.Canonical is null)
        {
            EndChain();
            Chains++;
            // A chain without entries whose head says it had some: all of them were removed.
            if (link.RecordedHead is not null && link.RecordedHead != HashChain.Genesis)
                Report(link.ChainId, null, null, ProblemCodes.HeadMismatch, HashChain.Genesis, link.RecordedHead);
            return;
        }
        if (!string.Equals(link.ChainId, _chain, StringComparison.Ordinal))
        {
            EndChain();
            (_chain, _next, _previous, _broken, _recordedHead) = (link.ChainId, 1, HashChain.Genesis, false, link.RecordedHead);
            Chains++;
        }
        Entries++;
        if (_broken)
            return;
        if (link.Sequence != _next)
            Broken(link, ProblemCodes.MissingSequence, _next.ToString(System.Globalization.CultureInfo.InvariantCulture),
                link.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        else if (link.Hash is null || link.PreviousHash is null)
            Broken(link, ProblemCodes.Unchained, _previous, "");
        else if (!string.Equals(link.PreviousHash, _previous, StringComparison.Ordinal))
            Broken(link, ProblemCodes.PreviousHashMismatch, _previous, link.PreviousHash);
        else if (HashChain.Hash(link.PreviousHash, link.Canonical) is var computed && !string.Equals(computed, link.Hash, StringComparison.Ordinal))
            Broken(link, ProblemCodes.HashMismatch, link.Hash, computed);
        else
            (_previous, _next) = (link.Hash, _next + 1);
    }

    /// <summary>Ends the last chain; call once the stream is read.</summary>
    public void Finish() => EndChain();

    /// <summary>A problem found beside the chains (a day seal), counted as one broken chain.</summary>
    public void Report(string chainId, long? sequence, string? entryId, string code, string expected, string found, string? otherTable = null)
    {
        BrokenChains++;
        if (_problems.Count < IntegrityResult.MaxProblems)
            _problems.Add(new IntegrityProblem(kind, otherTable ?? table, chainId, sequence, entryId, code, expected, found));
    }

    public IntegrityResult Result(int seals = 0, string? sealNote = null) => new(kind, Chains, Entries, BrokenChains, [.. _problems], seals, sealNote);

    void Broken(ChainLink link, string code, string expected, string found)
    {
        _broken = true;
        Report(link.ChainId, link.Sequence, link.EntryId, code, expected, found);
    }

    void EndChain()
    {
        if (_chain is not null && !_broken && _recordedHead is not null && !string.Equals(_recordedHead, _previous, StringComparison.Ordinal))
            Report(_chain, _next - 1, null, ProblemCodes.HeadMismatch, _previous, _recordedHead);
        _chain = null;
    }
}
