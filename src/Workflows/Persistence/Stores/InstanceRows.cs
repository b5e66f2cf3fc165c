using System.Data.Common;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>The engine's rows as SQL sees them: column lists in table order, readers and parameters.</summary>
internal static class InstanceRows
{
    internal static string InstanceSelect => field ??= string.Join(", ", InstanceColumns.Select(c => $"\"{c}\""));
    internal static string BookmarkSelect => field ??= string.Join(", ", BookmarkColumns.Select(c => $"\"{c}\""));

    internal static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    internal static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    internal static DateTimeOffset Time(DbDataReader r, int i) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    internal static WorkflowInstanceRecord ReadInstance(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        DefinitionId = r.GetString(1),
        DefinitionVersionId = r.GetString(2),
        DefinitionVersion = r.GetInt32(3),
        Name = NullableString(r, 4),
        CorrelationId = NullableString(r, 5),
        Status = r.GetString(6),
        SubStatus = r.GetString(7),
        ParentInstanceId = NullableString(r, 8),
        InputJson = r.GetString(9),
        OutputJson = r.GetString(10),
        StateJson = r.GetString(11),
        CreatedAt = Time(r, 12),
        UpdatedAt = Time(r, 13),
        FinishedAt = r.IsDBNull(14) ? null : Time(r, 14),
        Revision = r.GetInt64(15),
        JournalHead = NullableString(r, 16),
    };

    internal static BookmarkRecord ReadBookmark(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        InstanceId = r.GetString(1),
        ActivityId = r.GetString(2),
        Name = r.GetString(3),
        Hash = r.GetString(4),
        PayloadJson = r.GetString(5),
        CreatedAt = Time(r, 6),
        HasTimer = r.GetBoolean(7),
        HasTask = r.GetBoolean(8),
    };

    internal static readonly string[] InstanceColumns = ["Id", "DefinitionId", "DefinitionVersionId", "DefinitionVersion", "Name", "CorrelationId", "Status", "SubStatus",
        "ParentInstanceId", "InputJson", "OutputJson", "StateJson", "CreatedAt", "UpdatedAt", "FinishedAt", "Revision", "JournalHead"];
    internal static readonly string[] BookmarkColumns = ["Id", "InstanceId", "ActivityId", "Name", "Hash", "PayloadJson", "CreatedAt", "HasTimer", "HasTask"];
    internal static readonly string[] TimerColumns = ["Id", "BookmarkId", "InstanceId", "DueAt", "InputJson", "LeaseOwner", "LeaseExpiresAt", "Attempts", "Kind"];
    internal static readonly string[] TaskColumns = ["Id", "InstanceId", "DefinitionId", "ActivityId", "Title", "Instructions", "Role", "Assignee", "CaseId", "OutcomesJson",
        "DueAt", "CreatedAt", "Status", "CompletedBy", "CompletedAt", "Outcome", "Comment", "DataJson", "CaseRelation", "ExcludedRelationsJson", "FormJson", "PeriodId", "PeriodUnit", "IsOverdue"];
    internal static readonly string[] JournalColumns = ["InstanceId", "Sequence", "Timestamp", "ActivityId", "ActivityType", "Event", "OutcomesJson", "DataJson", "PreviousHash", "Hash"];
    internal static readonly string[] IncidentColumns = ["Id", "InstanceId", "ActivityId", "ActivityType", "Code", "Category", "Message", "At"];
}
