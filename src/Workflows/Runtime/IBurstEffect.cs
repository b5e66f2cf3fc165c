using System.Data.Common;

namespace Justice.Workflows.Runtime;

/// <summary>The transaction a burst is being written in, open on the store's connection.</summary>
public sealed record BurstTransaction(DbConnection Connection, DbTransaction Transaction);

/// <summary>
/// Data a burst changes besides its instance (case records, documents, periods …), written in the burst's own
/// transaction so that a burst that loses a race or fails leaves nothing behind. The engine knows nothing of the
/// data: it hands the effect its open transaction, after the numbers are drawn and before the savepoint is released.
/// </summary>
public interface IBurstEffect
{
    /// <summary>
    /// Draws the numbers the burst reserved (tokens standing in its output) inside the transaction, so that a rolled
    /// back burst leaves no gap; returns token → number. The engine puts the numbers in the instance's changes.
    /// </summary>
    ValueTask<IReadOnlyDictionary<string, string>> DrawNumbersAsync(BurstTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Replaces reserved-number tokens in the effect's own data by the numbers drawn (of every effect of the burst).</summary>
    void ResolveTokens(IReadOnlyDictionary<string, string> numbers);

    /// <summary>Writes the effect's data. Throws <see cref="Stores.WorkflowConflictException"/> when a row it updates changed meanwhile.</summary>
    ValueTask WriteAsync(BurstTransaction transaction, CancellationToken cancellationToken);
}
