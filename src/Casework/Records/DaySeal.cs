namespace Justice.Casework.Records;

/// <summary>
/// The signed digest of one kind of chain for one day of the bureau: SM3 over the heads, at the end of that day, of
/// every chain that took entries that day (docs/integrity.md §3). Written once when the day is over, never changed.
/// </summary>
public sealed class DaySeal
{
    /// <summary>The bureau's day, <c>yyyy-MM-dd</c> in the calendar's time zone.</summary>
    public required string Day { get; set; }

    /// <summary><c>journal</c>, <c>timeline</c> or <c>audit</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>How many chains took entries that day.</summary>
    public int Chains { get; set; }

    /// <summary>The digest that was signed, lower-case hex.</summary>
    public required string Digest { get; set; }

    /// <summary>Which key signed (as the sealer names it) and how.</summary>
    public required string KeyId { get; set; }
    public required string Algorithm { get; set; }

    /// <summary>The signature, base64.</summary>
    public required string Signature { get; set; }

    public DateTimeOffset SealedAt { get; set; }
}
