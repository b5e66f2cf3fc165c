using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Documents;

/// <summary>
/// Serves a document to the parties of a side (送达): records the method and the date of receipt; periods that
/// the law starts at receipt take that date as their start.
/// </summary>
[Activity("Justice", "ServeDocument", Category = "文书", DisplayName = "送达文书", Description = "记录送达方式和签收日期（送达回证）。")]
public sealed class ServeDocument : CaseActivity
{
    [Input(DisplayName = "文书 id", UIHint = "singleline")]
    public Input<string>? Document { get; set; }

    [Input(DisplayName = "受送达方", UIHint = "dropdown", Options = ["all", "claimant", "respondent"], DefaultValue = "all")]
    public Input<string>? To { get; set; }

    [Input(DisplayName = "送达方式", UIHint = "dropdown", Options = ["in-person", "post", "electronic"], DefaultValue = "electronic")]
    public Input<string>? Method { get; set; }

    [Input(DisplayName = "签收日期", Description = "空时为今天（电子送达、直接送达）。", UIHint = "date")]
    public Input<string>? ReceivedOn { get; set; }

    [Output(DisplayName = "签收日期")]
    public Output<string>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var documentId = await context.EvaluateAsync(Document) ?? throw new WorkflowFaultException("invalid-input", "未指定要送达的文书。");
        var method = await context.EvaluateAsync(Method) ?? ServiceMethods.Electronic;
        if (!ServiceMethods.All.Contains(method))
            throw new WorkflowFaultException("invalid-input", $"送达方式“{method}”无效。");
        var calendar = context.GetRequiredService<StatutoryCalendar>();
        var today = calendar.Today(context.Now);
        var received = await context.EvaluateAsync(ReceivedOn) is { Length: >= 10 } text ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd") : today;
        var to = await context.EvaluateAsync(To) ?? "all";
        var recipients = (await session.PartiesAsync(caseId)).Where(p => to == "all" || p.Side == to
            || (to == PartySides.Claimant && p.Side == PartySides.Applicant)).ToList();
        foreach (var party in recipients)
        {
            session.Add(new DocumentService
            {
                Id = Ulid.NewId(context.Now),
                CaseId = caseId,
                DocumentId = documentId,
                PartyId = party.Id,
                Recipient = party.Name,
                Method = method,
                ServedOn = today,
                ReceivedOn = received,
                RecordedBy = Actor(context),
            });
        }
        var names = string.Join("、", recipients.Select(p => p.Name));
        session.Log(caseId, "service", $"{ServiceMethods.ChineseName(method)}：{names}，{received:yyyy-MM-dd} 签收", Actor(context),
            new JsonObject { ["documentId"] = documentId, ["method"] = method, ["receivedOn"] = received.ToString("yyyy-MM-dd") });
        context.JournalData["receivedOn"] = received.ToString("yyyy-MM-dd");
        context.SetOutput(Result, "result", received.ToString("yyyy-MM-dd"));
        context.Complete();
    }
}
