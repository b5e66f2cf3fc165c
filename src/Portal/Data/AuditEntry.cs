using Justice.Workflows.Common;

namespace Justice.Portal.Data;

/// <summary>
/// One administrative change: who did what to which object, when. Never updated, never deleted. The log is one hash
/// chain in <see cref="Sequence"/> order (<see cref="HashChain"/>), linked when an entry is saved (docs/integrity.md §1).
/// </summary>
public sealed class AuditEntry
{
    public required string Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }

    /// <summary><c>user.create</c>, <c>user.roles</c>, <c>user.lock</c>, <c>definition.import</c>, <c>definition.publish</c> …</summary>
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string? Details { get; set; }

    /// <summary>Position in the log's chain, from 1, without gaps; given when the entry is saved.</summary>
    public long Sequence { get; set; }

    /// <summary>The hash of the entry before this one (<see cref="HashChain.Genesis"/> for the first).</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SM3 over <see cref="PreviousHash"/> and this entry's canonical JSON (<see cref="WriteCanonical"/>).</summary>
    public string? Hash { get; set; }

    /// <summary>The fields the hash covers, in their fixed order.</summary>
    public static void WriteCanonical(CanonicalJsonWriter json, AuditEntry entry) => json
        .String("id", entry.Id)
        .Number("sequence", entry.Sequence)
        .Time("at", entry.At)
        .String("actor", entry.Actor)
        .String("action", entry.Action)
        .String("target", entry.Target)
        .String("details", entry.Details);

    /// <summary>Takes its place after <paramref name="previousHash"/> at <paramref name="sequence"/>; returns its hash.</summary>
    public string Link(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        return Hash = HashChain.Link(previousHash, this, WriteCanonical);
    }
}
