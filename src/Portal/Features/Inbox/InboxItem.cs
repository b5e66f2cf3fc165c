using System.Text.Json.Nodes;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.State;

namespace Justice.Portal.Features.Inbox;

/// <summary>
/// A task as the inbox shows it: with its case's number, kind and stage, and the deadline in the law's unit
/// (<c>Provisional</c> when counted through a year without official holiday data).
/// </summary>
public sealed record InboxItem(HumanTaskRecord Task, string? CaseNumber, string? CaseKind, string? CaseStage, string? CaseTitle,
    DateOnly? DueOn, int Remaining, IReadOnlyList<string> Outcomes, IReadOnlyList<FormField> Form, bool Provisional = false)
{
    public bool IsOverdue => Task.IsOverdue || (DueOn is not null && Remaining < 0);

    /// <summary>The assignee's full name (null when the task is nobody's or the account has no name).</summary>
    public string? AssigneeName { get; init; }
}

/// <summary>One field of a task's form: <c>{name, label, type, required, options}</c>.</summary>
public sealed record FormField(string Name, string Label, string Type, bool Required, IReadOnlyList<(string Value, string Label)> Options)
{
    /// <summary>The longest value the task accepts (the field's own <c>maxLength</c>, else the type's).</summary>
    public int MaxLength { get; init; } = TaskForm.MaxLength(Type);

    public static IReadOnlyList<FormField> Parse(string? formJson)
    {
        if (string.IsNullOrEmpty(formJson) || JsonNode.Parse(formJson) is not JsonArray fields)
            return [];
        return fields.OfType<JsonObject>().Select(f =>
        {
            var name = f["name"]?.GetValue<string>() ?? "";
            var options = (f["options"] as JsonArray)?.Select(o => o is JsonObject obj
                ? (obj["value"]?.ToString() ?? "", obj["label"]?.ToString() ?? obj["value"]?.ToString() ?? "")
                : (o?.ToString() ?? "", o?.ToString() ?? "")).ToList() ?? [];
            var type = f["type"]?.GetValue<string>() ?? "text";
            return new FormField(name, f["label"]?.GetValue<string>() ?? name, type,
                f["required"] is JsonValue r && r.TryGetValue<bool>(out var required) && required, options)
            {
                MaxLength = f["maxLength"] is JsonValue m && m.TryGetValue<int>(out var max) && max > 0 ? max : TaskForm.MaxLength(type),
            };
        }).ToList();
    }
}
