using System.Data.Common;
using System.Text;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>
/// Several parameterised statements sent as one command (portable SQL, quoted identifiers). Multi-row inserts
/// keep a burst's journal to one statement; times are written as UTC milliseconds, as the EF model stores them.
/// Parameters are numbered in order, so a batch of the same shape has the same text and its prepared command is reused.
/// </summary>
internal sealed class SqlBatch
{
    readonly StringBuilder _sql = new();
    readonly List<object> _values = [];

    public bool IsEmpty => _sql.Length == 0;

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
        return this;
    }

    /// <summary>One INSERT with a VALUES row per item.</summary>
    public void Insert<T>(string table, IReadOnlyCollection<T> rows, string[] columns, Func<T, object?[]> values)
    {
        if (rows.Count == 0)
            return;
        _sql.Append("INSERT INTO \"").Append(table).Append("\" (").Append(string.Join(", ", columns.Select(c => $"\"{c}\""))).Append(") VALUES ");
        var first = true;
        foreach (var row in rows)
        {
            _sql.Append(first ? "(" : ", (");
            first = false;
            var items = values(row);
            for (var i = 0; i < items.Length; i++)
                _sql.Append(i == 0 ? "" : ", ").Append(Parameter(items[i]));
            _sql.Append(')');
        }
        _sql.Append(";\n");
    }

    public string InList(IEnumerable<string> values) => string.Join(", ", values.Select(Parameter));

    /// <summary>Runs the statements in the transaction; returns the rows affected (of all of them).</summary>
    public async Task<int> ExecuteAsync(WriteConnection writer, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (IsEmpty)
            return 0;
        var command = writer.Command(connection, _sql.ToString(), _values.Count);
        command.Transaction = transaction;
        for (var i = 0; i < _values.Count; i++)
            command.Parameters[i].Value = _values[i];
        Runtime.WorkflowMetrics.Statements.Add(1);
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        Runtime.WorkflowMetrics.Rows.Add(rows);
        return rows;
    }
}
