namespace Justice.Workflows.Persistence;

/// <summary>
/// Data a burst changes besides its instance (case records, documents, periods …), written in the burst's own
/// transaction so that a burst that loses a race or fails leaves nothing behind.
/// </summary>
public interface IPersistentEffect
{
    /// <summary>Numbers the burst reserved; they are drawn from their series inside the transaction.</summary>
    IReadOnlyList<NumberReservation> Reservations { get; }

    /// <summary>Replaces reserved-number tokens by the numbers drawn.</summary>
    void ResolveTokens(IReadOnlyDictionary<string, string> numbers);

    /// <summary>Adds and updates the effect's entities in the context; the store saves them.</summary>
    void Apply(WorkflowDbContext db);
}

/// <summary>
/// A number reserved while a burst runs: the token stands in the burst's output until the commit draws the next
/// value of <see cref="SeriesKey"/> and formats it with <see cref="Format"/> (a .NET format with <c>{0}</c>).
/// Drawing and issuing happen in one transaction, so series stay gap-free.
/// </summary>
public sealed record NumberReservation(string Token, string SeriesKey, string Format)
{
    public static string NewToken() => $"⟦№{Guid.NewGuid():N}⟧";

    public string FormatNumber(long value) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, value);
}
