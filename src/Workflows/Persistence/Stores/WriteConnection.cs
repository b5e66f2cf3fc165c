using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>
/// The connection that bursts commit through, kept open with its commands prepared (SQLite admits one writer at a
/// time, so one connection serves every writer of the process behind the <see cref="WriteGate"/>; on PostgreSQL each
/// writer loop has one of its own). Preparing a
/// statement costs more than running it; a command whose text was seen before is reused with new values.
/// </summary>
internal sealed class WriteConnection(IDbContextFactory<WorkflowDbContext> factory) : IAsyncDisposable
{
    const int MaxCommands = 256;
    readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    WorkflowDbContext? _context;

    /// <summary>The open connection; call only inside the write gate.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_context is not null)
        {
            var open = _context.Database.GetDbConnection();
            if (open.State == System.Data.ConnectionState.Open)
                return open;
            await DisposeAsync();
        }
        _context = await factory.CreateDbContextAsync(cancellationToken);
        await _context.Database.OpenConnectionAsync(cancellationToken);
        return _context.Database.GetDbConnection();
    }

    /// <summary>A command with this text and parameter count, prepared once; values are set by the caller.</summary>
    public DbCommand Command(DbConnection connection, string text, int parameterCount)
    {
        if (_commands.TryGetValue(text, out var cached) && cached.Parameters.Count == parameterCount)
            return cached;
        if (_commands.Count >= MaxCommands)
            ClearCommands();
        var command = connection.CreateCommand();
        command.CommandText = text;
        for (var i = 0; i < parameterCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }
        _commands[text] = command;
        return command;
    }

    /// <summary>After a failed write the connection is closed and opened afresh.</summary>
    public async Task ResetAsync() => await DisposeAsync();

    void ClearCommands()
    {
        foreach (var command in _commands.Values)
            command.Dispose();
        _commands.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        ClearCommands();
        if (_context is not null)
        {
            await _context.Database.CloseConnectionAsync();
            await _context.DisposeAsync();
            _context = null;
        }
    }
}
