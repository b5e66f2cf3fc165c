using Justice.Workflows.Common;

namespace Justice.Casework.Records;

/// <summary>
/// A line of the case's timeline: who decided what, when (decisions, documents, service, periods, notes). A case's
/// lines form a hash chain in <see cref="Sequence"/> order (<see cref="HashChain"/>), linked when they are saved.
/// </summary>
public sealed class CaseEntry
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Actor { get; set; }

    /// <summary><c>decision</c>, <c>stage</c>, <c>document</c>, <c>service</c>, <c>period</c>, <c>member</c>, <c>note</c>, <c>fee</c>, <c>sampling</c>.</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public string DataJson { get; set; } = "{}";

    /// <summary>Position in the case's chain, from 1, without gaps; given when the line is saved.</summary>
    public long Sequence { get; set; }

    /// <summary>The hash of the case's line before this one (<see cref="HashChain.Genesis"/> for the first).</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SM3 over <see cref="PreviousHash"/> and this line's canonical JSON (<see cref="WriteCanonical"/>).</summary>
    public string? Hash { get; set; }

    /// <summary>The fields the hash covers, in their fixed order.</summary>
    public static void WriteCanonical(CanonicalJsonWriter json, CaseEntry entry) => json
        .String("id", entry.Id)
        .String("caseId", entry.CaseId)
        .Number("sequence", entry.Sequence)
        .Time("at", entry.At)
        .String("actor", entry.Actor)
        .String("kind", entry.Kind)
        .String("title", entry.Title)
        .String("data", entry.DataJson);

    /// <summary>Takes its place after <paramref name="previousHash"/> at <paramref name="sequence"/>; returns its hash.</summary>
    public string Link(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        return Hash = HashChain.Link(previousHash, this, WriteCanonical);
    }
}

/// <summary>Kinds of timeline entries with a rule attached.</summary>
public static class CaseEntryKinds
{
    /// <summary>A staff member's working note.</summary>
    public const string Note = "note";

    /// <summary>The record of a verification draw (seed, value, rate, pool, verifier): kept for audit, never shown to a party.</summary>
    public const string Sampling = "sampling";

    /// <summary>Entries the staff read and the parties do not.</summary>
    public static readonly string[] StaffOnly = [Note, Sampling];
}

/// <summary>A message to a person in the portal.</summary>
public sealed class Notification
{
    public required string Id { get; set; }
    public required string Recipient { get; set; }
    public string? CaseId { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A message waiting for a mail or SMS sender to drain it.</summary>
public sealed class OutboxMessage
{
    public required string Id { get; set; }

    /// <summary><c>email</c> or <c>sms</c>.</summary>
    public required string Channel { get; set; }
    public required string Recipient { get; set; }
    public required string Subject { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
}

/// <summary>A gap-free number series (one per office, kind and year).</summary>
public sealed class NumberSeries
{
    public required string Key { get; set; }
    public long LastValue { get; set; }
}
