using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;

namespace Justice.Workflows.Tasks;

/// <summary>The form of a human task: fields with type, label, required and options; completion data is checked against it.</summary>
public static class TaskForm
{
    static readonly string[] Types = ["text", "textarea", "number", "date", "select", "checkbox", "email"];

    public static IReadOnlyList<DefinitionProblem> Validate(string? formJson, JsonNode? data, string activityId)
    {
        var problems = new List<DefinitionProblem>();
        if (string.IsNullOrEmpty(formJson) || JsonNode.Parse(formJson) is not JsonArray fields)
            return problems;
        var values = data as JsonObject;
        foreach (var field in fields.OfType<JsonObject>())
        {
            var name = field["name"]?.GetValue<string>() ?? "";
            var label = field["label"]?.GetValue<string>() ?? name;
            var type = field["type"]?.GetValue<string>() ?? "text";
            var required = field["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req;
            var value = values?[name];
            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString(Justice.Workflows.Definitions.DefinitionJson.CompactOptions);
            var path = $"$.data.{name}";
            if (value is null || (value is JsonValue && string.IsNullOrWhiteSpace(text)))
            {
                if (required && type != "checkbox")
                    problems.Add(new("required", path, activityId, $"请填写“{label}”。"));
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
