using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Localization;
using Justice.Workflows.Activities;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime.Model;
using Microsoft.AspNetCore.Components;

namespace Justice.Portal.Features.Designer;

/// <summary>Lists the pickers offer: templates under <c>templates/</c>, statutory periods of the rule sets, other definitions.</summary>
public sealed record DesignerLists(IReadOnlyList<string> Templates, IReadOnlyList<(string Code, string Label)> Periods, IReadOnlyList<(string Id, string Name)> Definitions)
{
    public static readonly DesignerLists Empty = new([], [], []);
}

public sealed partial class InputEditor
{
    [Parameter, EditorRequired] public DesignerModel Model { get; set; } = default!;

    [Parameter, EditorRequired] public DesignerNode Node { get; set; } = default!;

    [Parameter, EditorRequired] public InputDescriptor Input { get; set; } = default!;

    [Parameter] public DesignerLists Lists { get; set; } = DesignerLists.Empty;

    /// <summary>Words for the values of the activities' dropdowns (the values stay as the engine reads them).</summary>
    public static readonly IReadOnlyDictionary<string, string> OptionLabels = new Dictionary<string, string>
    {
        ["days"] = "日", ["workingDays"] = "工作日", ["months"] = "月",
        ["case"] = "用案号", ["series"] = "按文号序列", ["none"] = "不编号",
        ["claimant"] = "申请人一方", ["respondent"] = "被申请人一方", ["all"] = "全体当事人",
        ["in-person"] = "直接送达", ["post"] = "邮寄送达", ["electronic"] = "电子送达",
        ["summary"] = "简易程序", ["ordinary"] = "普通程序",
        ["MatchFirst"] = "第一个满足的条件", ["MatchAny"] = "所有满足的条件",
        ["WaitAny"] = "任一分支到达", ["WaitAll"] = "全部分支到达", ["WaitAllActive"] = "已走的分支全部到达",
        ["arbitration"] = "仲裁", ["notary"] = "公证", ["commitment"] = "告知承诺", ["legal-aid"] = "法律援助",
        ["secretary"] = "仲裁秘书", ["tribunal"] = "仲裁庭", ["presiding-arbitrator"] = "首席仲裁员", ["arbitrator"] = "仲裁员",
        ["director"] = "仲裁委主任", ["reviewer"] = "案件质量评查人员", ["provider"] = "法律援助人员（律师）", ["verifier"] = "核查人员",
    };

    string? pendingMode;
    string? syntaxError, jsonError;

    InputValue? Current => InputValue.Read(Node.Json, Input.Name);

    string Label => T[Input.Info.DisplayName ?? Input.Name];

    string LabelId => $"input-{Node.Id}-{Input.Name}";

    string Mode => pendingMode ?? Current?.ExpressionType ?? Expression.LiteralType;

    bool IsConstantMode => Mode is Expression.LiteralType or Expression.ObjectType or Expression.JsonType;

    IEnumerable<string> Modes => InputValue.Modes.Contains(Mode) ? InputValue.Modes : [.. InputValue.Modes, Mode];

    JsonNode? Constant => Current is { IsConstant: true } c ? c.Constant : null;

    string CurrentText => Current is { IsConstant: false } c ? c.Text : "";

    string? TextValue => Constant switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        null => null,
        var other => other.ToJsonString(),
    };

    string? DefaultText => Input.Info.DefaultValue?.ToString() ?? (Input.Info.Options?.Contains("") == true ? "" : null);

    decimal? NumberValue => Constant is JsonValue v && v.TryGetValue<decimal>(out var d) ? d
        : Constant is JsonValue s && s.TryGetValue<string>(out var text) && decimal.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    IReadOnlyList<string> ListValue => Constant is JsonArray array
        ? array.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : i?.ToJsonString() ?? "").ToList()
        : [];

    IEnumerable<(string Id, string Name)> Variables =>
        (Model["variables"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(v => (Id: DesignerModel.Text(v["id"]) ?? DesignerModel.Text(v["name"]) ?? "", Name: DesignerModel.Text(v["name"]) ?? ""))
            .Where(v => v.Name.Length > 0);

    string? VariableReference => Node.Json[Input.Name] switch
    {
        JsonObject o when o.ContainsKey("expression") => InputValue.VariableReference(o["expression"]?["value"]),
        var other => InputValue.VariableReference(other),
    };

    /// <summary>The editor for the input's declared type and its hint.</summary>
    string Kind
    {
        get
        {
            var type = Nullable.GetUnderlyingType(Input.ValueType) ?? Input.ValueType;
            if (type == typeof(bool) || Input.Info.UIHint == "checkbox")
                return "switch";
            if (type == typeof(string[]) || Input.Info.UIHint == "outcomes")
                return "list";
            return Input.Info.UIHint switch
            {
                "number" => "number",
                "dropdown" when Input.Info.Options is { Length: > 0 } => "dropdown",
                "role-picker" => "role",
                "template-picker" => "template",
                "period-editor" => "period",
                "form-fields" => "form",
                "variable-picker" => "variable",
                "workflow-definition-picker" => "definition",
                "json" => "json",
                "multiline" => "multiline",
                "code" => "code",
                _ when type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double) => "number",
                _ when type == typeof(System.Text.Json.Nodes.JsonArray) || type == typeof(JsonObject) => "json",
                _ => "text",
            };
        }
    }

    string? Placeholder => Input.Info.UIHint switch
    {
        "date" => "yyyy-MM-dd",
        "datetime" => "yyyy-MM-ddTHH:mm:ss+08:00",
        "timespan" => T["例如 1.00:00:00（1 天）、00:30:00（30 分钟）"],
        _ => null,
    };

    string? checkedScript;

    protected override void OnParametersSet()
    {
        // Another activity (or an undo) may now be shown: only a script that is shown keeps its error.
        // Parsed again only when the script changed (this runs on every render of the page).
        var script = Current is { IsConstant: false } c ? $"{c.ExpressionType}\n{c.Text}" : null;
        if (script != checkedScript)
        {
            checkedScript = script;
            syntaxError = Current is { IsConstant: false } shown ? InputValue.CheckSyntax(shown.ExpressionType, shown.Text) : null;
        }
        if (pendingMode is not null && Current is { } current && current.ExpressionType == pendingMode)
            pendingMode = null;
    }

    static string ModeLabel(string mode) => mode switch
    {
        Expression.LiteralType => "常量",
        Expression.ObjectType or Expression.JsonType => "JSON 常量",
        Expression.VariableType => "变量",
        _ => mode,
    };

    IEnumerable<string> Choices(IEnumerable<string> options)
    {
        var list = options.ToList();
        if (TextValue is { } current && !list.Contains(current))
            list.Insert(0, current);
        return list;
    }

    Task<IEnumerable<string>> SearchPeriods(string? text, CancellationToken cancellationToken)
    {
        var matches = Lists.Periods.Where(p => string.IsNullOrWhiteSpace(text) || p.Code.Contains(text, StringComparison.OrdinalIgnoreCase) || p.Label.Contains(text))
            .Select(p => p.Code);
        if (!string.IsNullOrWhiteSpace(text) && !Lists.Periods.Any(p => p.Code == text))
            matches = matches.Prepend(text.Trim());
        return Task.FromResult(matches.Take(50));
    }

    /// <summary>Switching between a constant and a script keeps the text; a script with nothing in it is not written until there is.</summary>
    Task SwitchModeAsync(string? mode)
    {
        if (mode is null || mode == Mode)
            return Task.CompletedTask;
        var current = Current;
        var text = current is null ? "" : current.IsConstant ? TextValue ?? "" : current.Text;
        if (string.IsNullOrEmpty(text))
        {
            pendingMode = mode;
            if (current is not null)
                Model.SetInput(Node.Id, Input.Name, null);
            return Task.CompletedTask;
        }
        pendingMode = null;
        if (mode == Expression.LiteralType)
            return SetTextAsync(text);
        Model.SetInput(Node.Id, Input.Name, new InputValue(mode, JsonValue.Create(text)));
        return Task.CompletedTask;
    }

    Task SetScriptAsync(string? text)
    {
        var mode = Mode;
        syntaxError = string.IsNullOrWhiteSpace(text) ? null : InputValue.CheckSyntax(mode, text);
        Model.SetInput(Node.Id, Input.Name, string.IsNullOrWhiteSpace(text) ? null : new InputValue(mode, JsonValue.Create(text)));
        pendingMode = string.IsNullOrWhiteSpace(text) ? mode : null;
        return Task.CompletedTask;
    }

    Task SetConstantAsync(JsonNode? value)
    {
        Model.SetInput(Node.Id, Input.Name, value is null ? null : InputValue.FromConstant(Current, value));
        return Task.CompletedTask;
    }

    Task SetTextAsync(string? text)
    {
        var type = Nullable.GetUnderlyingType(Input.ValueType) ?? Input.ValueType;
        if (string.IsNullOrEmpty(text))
            return SetConstantAsync(null);
        if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double))
            return decimal.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number) ? SetNumberAsync(number) : SetConstantAsync(JsonValue.Create(text));
        return SetConstantAsync(JsonValue.Create(text));
    }

    Task SetNumberAsync(decimal? number)
    {
        var type = Nullable.GetUnderlyingType(Input.ValueType) ?? Input.ValueType;
        JsonNode? value = number is not { } n ? null
            : type == typeof(int) || type == typeof(long) ? JsonValue.Create((long)decimal.Round(n))
            : type == typeof(double) ? JsonValue.Create((double)n)
            : JsonValue.Create(n);
        return SetConstantAsync(value);
    }

    Task SetListAsync(IReadOnlyList<string> items) =>
        SetConstantAsync(items.Count == 0 ? null : new JsonArray([.. items.Select(i => (JsonNode?)i)]));

    Task SetJsonAsync(string? text)
    {
        jsonError = null;
        if (string.IsNullOrWhiteSpace(text))
            return SetConstantAsync(null);
        try
        {
            return SetConstantAsync(JsonNode.Parse(text));
        }
        catch (JsonException ex)
        {
            jsonError = ex.Message;
            return Task.CompletedTask;
        }
    }

    /// <summary>A variable reference is written as Elsa writes it: the variable itself, <c>{id, name, typeName}</c>.</summary>
    Task SetVariableAsync(string? id)
    {
        var variable = (Model["variables"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(v => (DesignerModel.Text(v["id"]) ?? DesignerModel.Text(v["name"])) == id);
        Model.SetProperty(Node.Id, Input.Name, variable is null ? null : new JsonObject
        {
            ["id"] = variable["id"]?.DeepClone() ?? variable["name"]?.DeepClone(),
            ["name"] = variable["name"]?.DeepClone(),
            ["typeName"] = variable["typeName"]?.DeepClone(),
        }, T.Format("修改“{0}”的输入", Node.Name));
        return Task.CompletedTask;
    }
}
