using System.Text.Json.Nodes;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;

namespace Justice.Casework.Activities.Tasks;

/// <summary>
/// A human task: for a role, a named user, or a relation to the case (its secretary, its tribunal, the
/// director); with instructions, a form, outcomes (its ports) and an optional statutory period. When the period
/// runs out the task is marked overdue; if its <c>Overdue</c> port is connected, it closes through that port.
/// Completing it records who decided what, when, with comment and form data, in the journal and on the case.
/// </summary>
[Activity("Justice", "UserTask", Category = "人工任务", DisplayName = "人工任务", Description = "交给角色、指定人员或案件相关人员处理的任务；处理结果即出口，可设法定期间。")]
public sealed class UserTask : Activity
{
    public const string OverduePort = "Overdue";

    [Input(DisplayName = "标题", UIHint = "singleline")]
    public Input<string>? Title { get; set; }

    [Input(DisplayName = "说明", UIHint = "multiline")]
    public Input<string>? Instructions { get; set; }

    [Input(DisplayName = "角色", UIHint = "role-picker")]
    public Input<string>? Role { get; set; }

    [Input(DisplayName = "指定人员", UIHint = "singleline")]
    public Input<string>? Assignee { get; set; }

    [Input(DisplayName = "案件关系", Description = "由案件的办案秘书、仲裁庭、主任等处理。", UIHint = "dropdown",
        Options = ["", "secretary", "tribunal", "presiding-arbitrator", "director", "reviewer", "notary", "provider", "verifier"])]
    public Input<string>? Relation { get; set; }

    [Input(DisplayName = "回避关系", Description = "与案件有这些关系的人不得处理（例如评查员不得评查自己办理的案件）。", UIHint = "json")]
    public Input<string[]>? ExcludeRelations { get; set; }

    [Input(DisplayName = "案件", UIHint = "singleline")]
    public Input<string>? CaseId { get; set; }

    [Input(DisplayName = "处理结果", UIHint = "outcomes")]
    public Input<string[]>? Outcomes { get; set; }

    [Input(DisplayName = "表单", Description = "[{name, label, type: text|textarea|number|date|select|checkbox|email, required, options}]", UIHint = "form-fields")]
    public Input<JsonArray>? Form { get; set; }

    [Input(DisplayName = "字段规则", Description = "按字段名给表单字段补充任务创建时计算的属性，例如送达日期的 before（开庭日期），不得填写的字段的 refusedMessage（理由）。", UIHint = "json")]
    public Input<JsonObject>? FieldRules { get; set; }

    [Input(DisplayName = "期间代码", Description = "规则中的期间（如 ARB-02），或自定义名称配合下面的长度和单位。", UIHint = "period-editor")]
    public Input<string>? PeriodCode { get; set; }

    [Input(DisplayName = "期间起算日", Description = "空时为今天（起算日不计入）。", UIHint = "date")]
    public Input<string>? PeriodFrom { get; set; }

    [Input(DisplayName = "期间长度", UIHint = "number")]
    public Input<int?>? PeriodAmount { get; set; }

    [Input(DisplayName = "期间单位", UIHint = "dropdown", Options = ["days", "workingDays", "months"])]
    public Input<string>? PeriodUnit { get; set; }

    [Output(DisplayName = "决定", Description = "{outcome, comment, data, userId}")]
    public Output<object>? Result { get; set; }

    public override IReadOnlyCollection<string>? GetPorts()
    {
        try
        {
            return StaticValue.TryGet(Outcomes, out var outcomes) ? [.. DefaultOutcomes(outcomes), OverduePort] : Outcomes is null ? ["Done", OverduePort] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    static string[] DefaultOutcomes(string[]? outcomes) => outcomes is { Length: > 0 } ? outcomes : ["Done"];

    bool OverdueConnected(ActivityExecutionContext context) =>
        context.Workflow.Model.ParentOf(Id)?.OutboundOf(Id).Any(c => c.SourcePort == OverduePort) == true;

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var title = await context.EvaluateAsync(Title) ?? DisplayName;
        var role = await context.EvaluateAsync(Role);
        var assignee = await context.EvaluateAsync(Assignee);
        var relation = await context.EvaluateAsync(Relation);
        if (string.IsNullOrWhiteSpace(role) && string.IsNullOrWhiteSpace(assignee) && string.IsNullOrWhiteSpace(relation))
            throw new WorkflowFaultException("invalid-input", $"人工任务“{title}”没有角色、指定人员或案件关系。");
        var outcomes = DefaultOutcomes(await context.EvaluateAsync(Outcomes));
        var caseId = await context.EvaluateAsync(CaseId) ?? context.Workflow.CorrelationId;
        var bookmarkId = ActivityExecutionContext.NewId();

        CasePeriod? period = null;
        var code = await context.EvaluateAsync(PeriodCode);
        var amount = await context.EvaluateAsync(PeriodAmount);
        if (!string.IsNullOrWhiteSpace(code) || amount is not null)
        {
            if (caseId is null)
                throw new WorkflowFaultException("no-case", $"人工任务“{title}”有法定期间，但不知道是哪个案件。");
            var session = context.Cases();
            var record = await session.GetAsync(caseId, context.CancellationToken);
            var planner = context.GetRequiredService<PeriodPlanner>();
            var today = planner.Calendar.Today(context.Now);
            var from = await context.EvaluateAsync(PeriodFrom) is { Length: >= 10 } text ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd") : today;
            var unit = await context.EvaluateAsync(PeriodUnit) is { Length: > 0 } u ? PeriodUnits.Parse(u) : (PeriodUnit?)null;
            period = planner.Plan(record, code ?? title, from, today, amount is null ? null : title, amount, unit);
            period.BookmarkId = bookmarkId;
            await session.AddPeriodAsync(period);
        }

        var expires = period is null ? (DateTimeOffset?)null : (context.GetRequiredService<PeriodPlanner>()).ExpiresAt(period);
        var overdueConnected = OverdueConnected(context);
        var timerInput = new JsonObject { ["overdue"] = true };
        var excluded = await context.EvaluateAsync(ExcludeRelations);
        var form = await context.EvaluateAsync(Form);
        if (form is not null && await context.EvaluateAsync(FieldRules) is { } fieldRules)
            form = WithFieldRules(form, fieldRules);
        if (form is not null && caseId is not null && form.OfType<JsonObject>().Any(f => f["leadPeriod"] is JsonValue || f["leadPeriodBefore"] is JsonValue))
            form = await WithLeadTimesAsync(context, form, caseId);
        var task = new HumanTaskRequest(title, role, outcomes)
        {
            Instructions = await context.EvaluateAsync(Instructions),
            Assignee = string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim().ToLowerInvariant(),
            CaseId = caseId,
            DueAt = expires,
            CaseRelation = string.IsNullOrWhiteSpace(relation) ? null : relation,
            ExcludedRelations = excluded,
            Form = form,
            PeriodId = period?.Id,
            PeriodUnit = period?.Unit,
        };
        context.JournalData["title"] = title;
        context.JournalData["role"] = role;
        if (relation is not null)
            context.JournalData["relation"] = relation;
        if (period is not null)
            context.JournalData["dueOn"] = period.DueOn.ToString("yyyy-MM-dd");
        context.CreateBookmark(new BookmarkRequest(new JsonObject
        {
            ["title"] = title,
            ["role"] = role,
            ["assignee"] = assignee,
            ["relation"] = relation,
            ["outcomes"] = new JsonArray([.. outcomes.Select(o => (JsonNode?)o)]),
            ["periodId"] = period?.Id,
            ["timerKind"] = overdueConnected ? TimerKinds.Resume : TimerKinds.MarkOverdue,
            ["timerInput"] = timerInput.DeepClone(),
        })
        {
            Id = bookmarkId,
            Task = task,
            ResumeAt = overdueConnected ? expires : null,
            MarkOverdueAt = overdueConnected ? null : expires,
            TimerInput = timerInput,
        });
    }

    /// <summary>Adds the attributes computed for this task (e.g. the hearing date, a reason to refuse a field) to the form's fields, by name.</summary>
    static JsonArray WithFieldRules(JsonArray form, JsonObject rules)
    {
        var result = (JsonArray)form.DeepClone();
        foreach (var field in result.OfType<JsonObject>())
        {
            if (field["name"]?.GetValue<string>() is not { } name || rules[name] is not JsonObject attributes)
                continue;
            foreach (var (key, value) in attributes)
                if (value is not null && !(value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>())))
                    field[key] = value.DeepClone();
        }
        return result;
    }

    /// <summary>
    /// A date field with <c>leadPeriod</c> (a period of the case's rule set, e.g. ARB-11, the hearing notice's lead time)
    /// gets the earliest date it may hold, today plus that period for the case's procedure, and the reason a
    /// completion with an earlier date is refused.
    /// </summary>
    static async Task<JsonArray> WithLeadTimesAsync(ActivityExecutionContext context, JsonArray form, string caseId)
    {
        var record = await context.Cases().GetAsync(caseId, context.CancellationToken);
        var planner = context.GetRequiredService<PeriodPlanner>();
        var today = planner.Calendar.Today(context.Now);
        var rules = planner.RulesOf(record, today);
        var result = (JsonArray)form.DeepClone();
        foreach (var field in result.OfType<JsonObject>())
        {
            if (field["leadPeriodBefore"] is JsonValue beforeCode && beforeCode.TryGetValue<string>(out var before) && !string.IsNullOrWhiteSpace(before)
                && field["before"] is JsonValue beforeDate && beforeDate.TryGetValue<string>(out var dateText)
                && DateOnly.TryParseExact(dateText.Length >= 10 ? dateText[..10] : dateText, "yyyy-MM-dd", out var date))
                WithLatestDate(field, before, date, rules.Period(before, record.Procedure), record.Procedure);
            if (field["leadPeriod"] is not JsonValue value || !value.TryGetValue<string>(out var code) || string.IsNullOrWhiteSpace(code))
                continue;
            var rule = rules.Period(code, record.Procedure);
            var min = rule.Unit switch
            {
                Justice.Casework.Calendar.PeriodUnit.Months => today.AddMonths(rule.Amount),
                Justice.Casework.Calendar.PeriodUnit.WorkingDays => planner.Calendar.Due(today, rule.Amount, rule.Unit),
                _ => today.AddDays(rule.Amount),
            };
            var label = field["label"]?.GetValue<string>() ?? field["name"]?.GetValue<string>();
            var procedure = record.Procedure == "summary" ? "简易程序" : "普通程序";
            field["min"] = min.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            field["minMessage"] = $"“{label}”最早为{min.Year}年{min.Month}月{min.Day}日：依照规则 {code}（{rule.Label}），{procedure}须提前{rule.Amount}{rule.Unit.ChineseName()}通知当事人。";
        }
        return result;
    }

    /// <summary>
    /// A date field with <c>leadPeriodBefore</c> and <c>before</c> (e.g. the date of service of a hearing notice, before
    /// the hearing date) gets the latest date it may hold, that date less the period, and the reason a later date is refused.
    /// </summary>
    static void WithLatestDate(JsonObject field, string code, DateOnly before, Justice.Casework.Rules.PeriodRule rule, string? procedure)
    {
        var max = rule.Unit == Justice.Casework.Calendar.PeriodUnit.Months ? before.AddMonths(-rule.Amount) : before.AddDays(-rule.Amount);
        var label = field["label"]?.GetValue<string>() ?? field["name"]?.GetValue<string>();
        field["max"] = max.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        field["maxMessage"] = $"“{label}”最迟为{max.Year}年{max.Month}月{max.Day}日：开庭日期为{before.Year}年{before.Month}月{before.Day}日，依照规则 {code}（{rule.Label}），"
            + $"{(procedure == "summary" ? "简易程序" : "普通程序")}须自送达之日起提前{rule.Amount}{rule.Unit.ChineseName()}通知当事人；送达晚于该日的，应当改期开庭。";
    }

    public override async ValueTask ResumeAsync(ActivityExecutionContext context, JsonNode? input)
    {
        var caseId = await context.EvaluateAsync(CaseId) ?? context.Workflow.CorrelationId;
        var overdue = input?["overdue"] is JsonValue o && o.TryGetValue<bool>(out var isOverdue) && isOverdue;
        var title = await context.EvaluateAsync(Title) ?? DisplayName;
        if (overdue)
        {
            context.JournalData["overdue"] = true;
            context.SetOutput(Result, "result", new JsonObject { ["outcome"] = OverduePort, ["overdue"] = true });
            await ClosePeriodAsync(context, caseId, PeriodStatus.Expired, $"“{title}”逾期未处理", null);
            context.Complete(OverduePort);
            return;
        }
        var outcome = input?["outcome"]?.GetValue<string>() ?? "Done";
        var by = input?["userId"]?.GetValue<string>();
        context.Workflow.State.LastActor = by;
        context.JournalData["outcome"] = outcome;
        context.JournalData["by"] = by;
        context.JournalData["comment"] = input?["comment"]?.DeepClone();
        if (input?["data"] is { } data)
            context.JournalData["data"] = data.DeepClone();
        await ClosePeriodAsync(context, caseId, PeriodStatus.Met, $"{title}：{outcome}", by, input);
        context.SetOutput(Result, "result", input?.DeepClone());
        context.Complete(outcome);
    }

    async Task ClosePeriodAsync(ActivityExecutionContext context, string? caseId, string status, string entry, string? by, JsonNode? decision = null)
    {
        if (caseId is null)
            return;
        var session = context.Cases();
        if (await session.FindAsync(caseId, context.CancellationToken) is not { } record)
            return;
        foreach (var period in (await session.PeriodsAsync(record.Id)).Where(p => p.Status is PeriodStatus.Running or PeriodStatus.Paused && p.BookmarkId is not null
            && context.Workflow.Changes.ConsumedBookmark?.Id == p.BookmarkId))
        {
            period.Status = status;
            session.Modify(period);
        }
        session.Log(record.Id, status == PeriodStatus.Expired ? "period" : "decision", entry, by ?? "系统", new JsonObject
        {
            ["activityId"] = Id,
            ["outcome"] = decision?["outcome"]?.DeepClone(),
            ["comment"] = decision?["comment"]?.DeepClone(),
            ["data"] = decision?["data"]?.DeepClone(),
        });
    }

    public override void Validate(DefinitionValidationContext context)
    {
        if (Role is null && Assignee is null && Relation is null)
            context.Add(this, DefinitionProblem.InvalidInput, "role", $"人工任务“{DisplayName}”需要角色、指定人员或案件关系。");
    }
}
