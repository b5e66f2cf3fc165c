using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Commitments;

/// <summary>Credit repair (信用修复): ends a dishonesty record early; the commitment route is open again.</summary>
[Activity("Justice", "RepairCredit", Category = "告知承诺", DisplayName = "信用修复", Description = "经审核完成信用修复，失信记录不再有效。")]
public sealed class RepairCredit : CaseActivity
{
    [Input(DisplayName = "失信记录 id", UIHint = "singleline")]
    public Input<string>? RecordId { get; set; }

    [Input(DisplayName = "身份号码/信用代码", UIHint = "singleline")]
    public Input<string>? SubjectId { get; set; }

    [Input(DisplayName = "修复说明", UIHint = "multiline")]
    public Input<string>? Note { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var store = context.GetRequiredService<ICaseStore>();
        var subject = await context.EvaluateAsync(SubjectId) ?? throw new WorkflowFaultException("invalid-input", "未指定信用修复的主体。");
        var id = await context.EvaluateAsync(RecordId);
        var today = (context.GetRequiredService<StatutoryCalendar>()).Today(context.Now);
        var note = await context.EvaluateAsync(Note) ?? "信用修复";
        var repaired = 0;
        foreach (var record in (await store.GetCreditRecordsAsync(subject, context.CancellationToken)).Where(r => r.InForce(today) && (id is null || r.Id == id)))
        {
            record.RepairedOn = today;
            record.RepairNote = note;
            context.Cases().Modify(record);
            repaired++;
        }
        if (await context.EvaluateAsync(CaseId) is { Length: > 0 } || context.Workflow.CorrelationId is not null)
        {
            var caseId = await CaseIdAsync(context);
            if (await context.Cases().FindAsync(caseId) is not null)
                context.Cases().Log(caseId, "decision", $"信用修复：{repaired} 条失信记录不再有效", Actor(context), new JsonObject { ["subject"] = subject, ["note"] = note });
        }
        context.JournalData["repaired"] = repaired;
        context.Complete();
    }
}
