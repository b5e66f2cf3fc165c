using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Commitments;

/// <summary>
/// Looks up the applicant's dishonesty records: <c>Clear</c> when none is in force, <c>Barred</c> when one is (the
/// commitment route is refused until credit repair; notarial review is strict).
/// </summary>
[Activity("Justice", "CheckCreditRecord", Category = "告知承诺", DisplayName = "查询失信记录", Description = "查询申请人是否有有效的失信记录（虚假承诺等）。")]
[Outcomes("Clear", "Barred")]
public sealed class CheckCreditRecord : CaseActivity
{
    [Input(DisplayName = "身份号码/信用代码", Description = "空时为案件第一申请人的号码。", UIHint = "singleline")]
    public Input<string>? SubjectId { get; set; }

    [Output(DisplayName = "查询结果", Description = "{barred, records}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var subject = await context.EvaluateAsync(SubjectId);
        if (string.IsNullOrWhiteSpace(subject))
        {
            var applicant = (await session.PartiesAsync(caseId)).FirstOrDefault(p => p.Side is PartySides.Applicant or PartySides.Claimant);
            subject = applicant?.IdNumber ?? applicant?.CreditCode;
        }
        var today = (context.GetRequiredService<StatutoryCalendar>()).Today(context.Now);
        var records = string.IsNullOrWhiteSpace(subject) ? [] : await (context.GetRequiredService<ICaseStore>()).GetCreditRecordsAsync(subject, context.CancellationToken);
        var inForce = records.Where(r => r.InForce(today)).ToList();
        var result = new JsonObject
        {
            ["barred"] = inForce.Count > 0,
            ["records"] = new JsonArray([.. inForce.Select(r => (JsonNode)new JsonObject { ["act"] = r.Act, ["recordedOn"] = r.RecordedOn.ToString("yyyy-MM-dd"), ["validUntil"] = r.ValidUntil.ToString("yyyy-MM-dd") })]),
        };
        session.Log(caseId, "decision", inForce.Count == 0 ? "信用记录查询：无有效失信记录" : $"信用记录查询：有 {inForce.Count} 条有效失信记录（{string.Join("、", inForce.Select(r => r.Act))}）",
            Actor(context), result.DeepClone().AsObject());
        context.SetOutput(Result, "result", result);
        context.Complete(inForce.Count == 0 ? "Clear" : "Barred");
    }
}
