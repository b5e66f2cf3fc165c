using System.Data.Common;
using System.Text;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>
/// Parameterised statements sent together (portable SQL, quoted identifiers). Multi-row inserts keep a burst's
/// journal to a few statements; times are written as UTC milliseconds, as the EF model stores them. Parameters are
/// numbered in order, so a batch of the same shape has the same text and its prepared command is reused.
/// </summary>
/// <remarks>
/// SQLite refuses a statement with more parameters than its variable limit ("too many SQL variables"), so long
/// lists are split into statements of at most <see cref="MaxParametersPerStatement"/> parameters, and statements
/// are sent in commands of about that many: a command binds every one of its parameters for each of its statements,
/// which grows with the square of a burst's size when a whole burst of thousands of rows is one command.
/// </remarks>
internal sealed class SqlBatch
{
    /// <summary>Parameters one statement holds at most (999 was SQLite's limit before 3.32, and is portable).</summary>
    public const int MaxParametersPerStatement = 999;

    readonly List<(string Sql, List<object> Values)> _commands = [];
    readonly StringBuilder _sql = new();
    List<object> _values = [];

    public bool IsEmpty => _sql.Length == 0 && _commands.Count == 0;

    public string Parameter(object? value)
    {
        _values.Add(value switch
        {
            null => DBNull.Value,
            DateTimeOffset time => time.ToUnixTimeMilliseconds(),
            _ => value,
        });
        return $"@p{_values.Count - 1}";
    }

    public SqlBatch Append(string sql)
    {
        _sql.Append(sql).Append(";\n");
        EndStatement();
        return this;
    }

    /// <summary>INSERTs with a VALUES row per item, as many rows to a statement as the parameter limit allows.</summary>
    public void Insert<T>(string table, IReadOnlyCollection<T> rows, string[] columns, Func<T, object?[]> values)
    {
        var head = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ";
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParametersPerStatement / columns.Length)))
        {
            _sql.Append(head);
            for (var r = 0; r < chunk.Length; r++)
            {
                _sql.Append(r == 0 ? "(" : ", (");
                var items = values(chunk[r]);
                for (var i = 0; i < items.Length; i++)
                    _sql.Append(i == 0 ? "" : ", ").Append(Parameter(items[i]));
                _sql.Append(')');
            }
            _sql.Append(";\n");
            EndStatement();
        }
    }

    /// <summary>
    /// One statement per slice of <paramref name="values"/> small enough for the parameter limit;
    /// <paramref name="statement"/> makes it from the slice's parameter list (for <c>IN (...)</c>).
    /// </summary>
    public void AppendForList(IEnumerable<string> values, Func<string, string> statement)
    {
        foreach (var chunk in values.Chunk(MaxParametersPerStatement - 8))
            Append(statement(string.Join(", ", chunk.Select(Parameter))));
    }

    /// <summary>A statement is complete: once the command holds enough parameters, the next statements start another.</summary>
    void EndStatement()
    {
        if (_values.Count < MaxParametersPerStatement)
            return;
        _commands.Add((_sql.ToString(), _values));
        _sql.Clear();
        _values = [];
    }

    /// <summary>Runs the statements in the transaction; returns the rows affected (of all of them).</summary>
    public async Task<int> ExecuteAsync(WriteConnection writer, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = 0;
        foreach (var (sql, values) in _commands)
            rows += await ExecuteAsync(writer, connection, transaction, sql, values, cancellationToken);
        if (_sql.Length > 0)
            rows += await ExecuteAsync(writer, connection, transaction, _sql.ToString(), _values, cancellationToken);
        return rows;
    }

    static async Task<int> ExecuteAsync(WriteConnection writer, DbConnection connection, DbTransaction transaction, string sql, List<object> values,
        CancellationToken cancellationToken)
    {
        var command = writer.Command(connection, sql, values.Count);
        command.Transaction = transaction;
        for (var i = 0; i < values.Count; i++)
            command.Parameters[i].Value = values[i];
        Runtime.WorkflowMetrics.Statements.Add(1);
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        Runtime.WorkflowMetrics.Rows.Add(rows);
        return rows;
    }
}
