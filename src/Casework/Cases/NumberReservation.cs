using Justice.Casework.Records;
using Justice.Workflows.Runtime;

namespace Justice.Casework.Cases;

/// <summary>
/// A number reserved while a burst runs: the token stands in the burst's output until the commit draws the next
/// value of <see cref="SeriesKey"/> and formats it with <see cref="Format"/> (a .NET format with <c>{0}</c>).
/// Drawing and issuing happen in one transaction, so series stay gap-free.
/// </summary>
public sealed record NumberReservation(string Token, string SeriesKey, string Format)
{
    public static string NewToken() => $"⟦№{Guid.NewGuid():N}⟧";

    public string FormatNumber(long value) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, value);

    /// <summary>The next value of a series, drawn in the burst's transaction (a series starts at 1).</summary>
    public static async Task<long> DrawAsync(BurstTransaction transaction, string seriesKey, CancellationToken cancellationToken)
    {
        await using var draw = transaction.Connection.CreateCommand();
        draw.Transaction = transaction.Transaction;
        draw.CommandText = """
            INSERT INTO "NumberSeries" ("Key", "LastValue") VALUES (@p0, 1)
            ON CONFLICT ("Key") DO UPDATE SET "LastValue" = "NumberSeries"."LastValue" + 1
            RETURNING "LastValue"
            """;
        var parameter = draw.CreateParameter();
        parameter.ParameterName = "@p0";
        parameter.Value = seriesKey;
        draw.Parameters.Add(parameter);
        return Convert.ToInt64(await draw.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
