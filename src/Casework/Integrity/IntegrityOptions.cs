namespace Justice.Casework.Integrity;

/// <summary>Settings of the day seals (<c>Integrity:</c>).</summary>
public sealed class IntegrityOptions
{
    public const string Section = "Integrity";

    /// <summary>
    /// How long after a day's end it is sealed: a burst stamped just before midnight may commit just after it, and a
    /// day sealed before all its entries are written would never verify again.
    /// </summary>
    public TimeSpan SealDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest sleep of the sealing service between two looks.</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromHours(1);
}
