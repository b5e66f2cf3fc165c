using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Periods;

/// <summary>Starts a statutory period of the case (shown with its remaining days); it does not wait.</summary>
[Activity("Justice", "StartPeriod", Category = "期间", DisplayName = "起算期间", Description = "按规则起算法定期间（起算日不计入），在案件中显示剩余天数。")]
public sealed class StartPeriod : CaseActivity
{
    [Input(DisplayName = "期间代码", Description = "规则中的期间，例如 ARB-04（答辩期）。", UIHint = "period-editor")]
    public Input<string>? Code { get; set; }

    [Input(DisplayName = "起算日", Description = "例如签收日期；空时为今天。", UIHint = "date")]
    public Input<string>? From { get; set; }

    [Input(DisplayName = "名称", UIHint = "singleline")]
    public Input<string>? Label { get; set; }

    [Output(DisplayName = "期间", Description = "{periodId, code, dueOn}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var record = await CaseAsync(context);
        var planner = context.GetRequiredService<PeriodPlanner>();
        var today = planner.Calendar.Today(context.Now);
        var from = await context.EvaluateAsync(From) is { Length: >= 10 } text ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd") : today;
        var code = await context.EvaluateAsync(Code) ?? throw new WorkflowFaultException("invalid-input", "未指定期间代码。");
        var period = planner.Plan(record, code, from, today, await context.EvaluateAsync(Label));
        await session.AddPeriodAsync(period);
        session.Log(record.Id, "period", $"{period.Label}自{from:yyyy-MM-dd}起算，{period.Amount}{PeriodUnits.Parse(period.Unit).ChineseName()}，至{period.DueOn:yyyy-MM-dd}届满", Actor(context),
            new JsonObject { ["code"] = code, ["dueOn"] = period.DueOn.ToString("yyyy-MM-dd") });
        var result = new JsonObject { ["periodId"] = period.Id, ["code"] = code, ["dueOn"] = period.DueOn.ToString("yyyy-MM-dd") };
        context.JournalData["code"] = code;
        context.JournalData["dueOn"] = period.DueOn.ToString("yyyy-MM-dd");
        context.SetOutput(Result, "result", result);
        context.Complete();
    }
}
