using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Justice.Workflows.Persistence;

/// <summary>
/// Sets the chosen <c>synchronous</c> level and a busy timeout on every SQLite connection, so that
/// writers queue instead of failing and commits cost what the configuration says.
/// </summary>
public sealed class SqlitePragmaInterceptor(string synchronous) : DbConnectionInterceptor
{
    // journal_mode=WAL is a property of the file, set once when the database is migrated; these are per connection.
    // A page cache of 8 MB per connection instead of SQLite's 2 MB default: with a database of several hundred MB the
    // default made the hot index pages fall out between statements.
    readonly string _pragmas = $"PRAGMA synchronous={Validate(synchronous)}; PRAGMA busy_timeout=30000; PRAGMA cache_size=-8192;";

    static string Validate(string value) => value.ToUpperInvariant() switch
    {
        "NORMAL" or "FULL" or "EXTRA" or "OFF" => value.ToUpperInvariant(),
        _ => throw new ArgumentException($"Workflows:Synchronous 的值“{value}”无效（NORMAL、FULL、EXTRA 或 OFF）。"),
    };

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }
}
