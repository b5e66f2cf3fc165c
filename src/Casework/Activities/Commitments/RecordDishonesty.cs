using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Commitments;

/// <summary>Records a dishonest act (虚假承诺, 提供虚假材料 …) against the applicant of the case, valid for a period.</summary>
[Activity("Justice", "RecordDishonesty", Category = "告知承诺", DisplayName = "记录失信行为", Description = "将虚假承诺等失信行为记入信用记录，设定有效期。")]
public sealed class RecordDishonesty : CaseActivity
{
    [Input(DisplayName = "失信行为", UIHint = "singleline")]
    public Input<string>? Act { get; set; }

    [Input(DisplayName = "证据", UIHint = "multiline")]
    public Input<string>? Evidence { get; set; }

    [Input(DisplayName = "有效期（月）", UIHint = "number", DefaultValue = 60)]
    public Input<int?>? ValidMonths { get; set; }

    [Output(DisplayName = "记录 id")]
    public Output<string>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var record = await CaseAsync(context);
        var applicant = (await session.PartiesAsync(record.Id)).FirstOrDefault(p => p.Side is PartySides.Applicant or PartySides.Claimant)
            ?? throw new WorkflowFaultException("no-applicant", "案件没有申请人，无法记录失信行为。");
        var today = (context.GetRequiredService<StatutoryCalendar>()).Today(context.Now);
        var credit = new CreditRecord
        {
            Id = Ulid.NewId(context.Now),
            SubjectId = applicant.IdNumber ?? applicant.CreditCode ?? applicant.Name,
            SubjectName = applicant.Name,
            Act = await context.EvaluateAsync(Act) ?? "虚假承诺",
            Evidence = await context.EvaluateAsync(Evidence),
            RecordedOn = today,
            ValidUntil = today.AddMonths(await context.EvaluateAsync(ValidMonths) ?? 60),
            DecidedBy = Actor(context),
            CaseId = record.Id,
            IsDemo = record.IsDemo,
        };
        session.Add(credit);
        session.Log(record.Id, "decision", $"记入失信记录：{applicant.Name}，{credit.Act}，有效期至{credit.ValidUntil:yyyy-MM-dd}", Actor(context),
            new JsonObject { ["creditRecordId"] = credit.Id, ["act"] = credit.Act, ["validUntil"] = credit.ValidUntil.ToString("yyyy-MM-dd") });
        context.SetOutput(Result, "result", credit.Id);
        context.Complete();
    }
}
