using Justice.Workflows.Common;

namespace Justice.Workflows.Runtime.State;

/// <summary>
/// One activity event of an instance, append-only, in sequence. The instance's entries form a hash chain
/// (<see cref="HashChain"/>): each holds its predecessor's hash and its own, the instance row the last one
/// (docs/engine.md §8).
/// </summary>
public sealed class JournalRecord
{
    public required string InstanceId { get; set; }
    public int Sequence { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public required string Event { get; set; }
    public string OutcomesJson { get; set; } = "[]";
    public string DataJson { get; set; } = "{}";

    /// <summary>The hash of the instance's entry before this one (<see cref="HashChain.Genesis"/> for the first).</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SM3 over <see cref="PreviousHash"/> and this entry's canonical JSON (<see cref="WriteCanonical"/>).</summary>
    public string? Hash { get; set; }

    /// <summary>The fields the hash covers, in their fixed order.</summary>
    public static void WriteCanonical(CanonicalJsonWriter json, JournalRecord entry) => json
        .String("instanceId", entry.InstanceId)
        .Number("sequence", entry.Sequence)
        .Time("timestamp", entry.Timestamp)
        .String("activityId", entry.ActivityId)
        .String("activityType", entry.ActivityType)
        .String("event", entry.Event)
        .String("outcomes", entry.OutcomesJson)
        .String("data", entry.DataJson);

    /// <summary>Sets <see cref="PreviousHash"/> and <see cref="Hash"/> after <paramref name="previousHash"/>; returns the new hash.</summary>
    public string Link(string previousHash)
    {
        PreviousHash = previousHash;
        return Hash = HashChain.Link(previousHash, this, WriteCanonical);
    }
}
