using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Definitions;

namespace Justice.Casework.Tasks;

/// <summary>The form of a human task: fields with type, label, required and options; completion data is checked against it.</summary>
public static class TaskForm
{
    static readonly string[] Types = ["text", "textarea", "number", "date", "select", "checkbox", "email"];

    /// <summary>A comment, like a case note, is at most this many characters.</summary>
    public const int MaxCommentLength = 4000;

    /// <summary>The whole of a completion's data, as JSON, is at most this many characters.</summary>
    public const int MaxDataLength = 64 * 1024;

    /// <summary>The longest value of a field of each type, unless the field declares its own <c>maxLength</c>.</summary>
    public static int MaxLength(string type) => type switch
    {
        "textarea" => 4000,
        "email" => 254,
        "number" => 40,
        "date" => 10,
        _ => 500,
    };

    /// <summary>
    /// Checks completion data against the form. A field is also required when its <c>requiredFor</c> lists the chosen
    /// outcome (e.g. the facts, reasons and legal basis of an award); a date field is refused before its <c>min</c>
    /// (yyyy-MM-dd), with its <c>minMessage</c> as the reason, and after its <c>max</c> with its <c>maxMessage</c>; a field
    /// with a <c>refusedMessage</c> (computed when the task was created) is refused with that reason when it is filled in or ticked.
    /// </summary>
    public static IReadOnlyList<DefinitionProblem> Validate(string? formJson, JsonNode? data, string activityId, string? outcome = null)
    {
        var problems = new List<DefinitionProblem>();
        if (data is not null && data.ToJsonString(WorkflowJson.Compact).Length > MaxDataLength)
        {
            problems.Add(new("too-long", "$.data", activityId, $"表单数据过大（不超过 {MaxDataLength / 1024} KB）。"));
            return problems;
        }
        var fields = string.IsNullOrEmpty(formJson) ? null : JsonNode.Parse(formJson) as JsonArray;
        var values = data as JsonObject;
        // Values the form does not declare are kept as short text at most: nothing unbounded reaches the case record.
        var declared = fields?.OfType<JsonObject>().Select(f => f["name"]?.GetValue<string>()).OfType<string>().ToHashSet() ?? [];
        foreach (var (name, value) in values ?? [])
        {
            if (declared.Contains(name))
                continue;
            if (value is JsonObject or JsonArray || (value?.ToJsonString(WorkflowJson.Compact).Length ?? 0) > MaxCommentLength)
                problems.Add(new("too-long", $"$.data.{name}", activityId, $"“{name}”不是表单中的字段，只能是不超过 {MaxCommentLength} 字的文字。"));
        }
        if (fields is null)
            return problems;
        foreach (var field in fields.OfType<JsonObject>())
        {
            var name = field["name"]?.GetValue<string>() ?? "";
            var label = field["label"]?.GetValue<string>() ?? name;
            var type = field["type"]?.GetValue<string>() ?? "text";
            var required = (field["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req)
                || (outcome is not null && field["requiredFor"] is JsonArray requiredFor && requiredFor.Any(o => o is JsonValue ov && ov.TryGetValue<string>(out var os) && os == outcome));
            var value = values?[name];
            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString(WorkflowJson.Compact);
            var path = $"$.data.{name}";
            if (field["refusedMessage"] is JsonValue refused && refused.TryGetValue<string>(out var refusal) && !string.IsNullOrWhiteSpace(refusal)
                && value is JsonValue chosen && (chosen.GetValueKind() == JsonValueKind.True || (chosen.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(text))))
            {
                problems.Add(new("refused", path, activityId, refusal));
                continue;
            }
            if (value is null || (value is JsonValue && string.IsNullOrWhiteSpace(text)))
            {
                if (required && type != "checkbox")
                    problems.Add(new("required", path, activityId, outcome is not null && !(field["required"] is JsonValue r2 && r2.TryGetValue<bool>(out var req2) && req2)
                        ? $"“{outcome}”须填写“{label}”。" : $"请填写“{label}”。"));
                continue;
            }
            var maxLength = field["maxLength"] is JsonValue m && m.TryGetValue<int>(out var declaredMax) && declaredMax > 0 ? declaredMax : MaxLength(type);
            if (text!.Length > maxLength)
            {
                problems.Add(new("too-long", path, activityId, $"“{label}”不能超过 {maxLength} 字。"));
                continue;
            }
            var ok = type switch
            {
                "number" => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
                "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "checkbox" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
                "email" => text!.Contains('@') && text.IndexOf('@') > 0 && text.IndexOf('@') < text.Length - 1,
                "select" => field["options"] is not JsonArray options || options.Any(o => (o is JsonObject obj ? obj["value"] : o)?.ToString() == text),
                _ => true,
            };
            if (ok && type == "date" && field["min"] is JsonValue minValue && minValue.TryGetValue<string>(out var min) && string.CompareOrdinal(text, min) < 0)
            {
                problems.Add(new("too-early", path, activityId, field["minMessage"]?.GetValue<string>() ?? $"“{label}”不得早于{min}。"));
                continue;
            }
            if (ok && type == "date" && field["max"] is JsonValue maxValue && maxValue.TryGetValue<string>(out var max) && string.CompareOrdinal(text, max) > 0)
            {
                problems.Add(new("too-late", path, activityId, field["maxMessage"]?.GetValue<string>() ?? $"“{label}”不得晚于{max}。"));
                continue;
            }
            if (!ok)
                problems.Add(new("invalid-field", path, activityId, type switch
                {
                    "number" => $"“{label}”应为数字。",
                    "date" => $"“{label}”应为日期（YYYY-MM-DD）。",
                    "email" => $"“{label}”应为邮箱地址。",
                    "select" => $"“{label}”的取值不在可选项中。",
                    _ => $"“{label}”的值无效。",
                }));
        }
        return problems;
    }

    /// <summary>Problems of a form definition itself (reported by the validator).</summary>
    public static IEnumerable<string> Check(JsonArray form)
    {
        foreach (var field in form)
        {
            if (field is not JsonObject f || f["name"]?.GetValue<string>() is not { Length: > 0 })
                yield return "表单字段缺少 name。";
            else if (f["type"]?.GetValue<string>() is { } type && !Types.Contains(type))
                yield return $"表单字段“{f["name"]}”的类型“{type}”无效（{string.Join("、", Types)}）。";
        }
    }
}
