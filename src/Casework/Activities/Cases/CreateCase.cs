using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Cases;

/// <summary>Opens a case record with its parties (from the application); the instance is correlated with it.</summary>
[Activity("Justice", "CreateCase", Category = "案件", DisplayName = "建立案件", Description = "根据申请建立案件记录和当事人，并以案件 id 作为流程关联号。")]
public sealed class CreateCase : Activity
{
    [Input(DisplayName = "案件类别", UIHint = "dropdown", Options = ["arbitration", "notary", "commitment", "legal-aid"])]
    public Input<string>? Kind { get; set; }

    [Input(DisplayName = "案由/标题", UIHint = "singleline")]
    public Input<string>? Title { get; set; }

    [Input(DisplayName = "案件字段", Description = "JSON 对象：争议类型、仲裁请求、金额等。", UIHint = "json")]
    public Input<JsonObject>? Fields { get; set; }

    [Input(DisplayName = "当事人", Description = "JSON 数组：[{side, name, partyKind, idNumber, creditCode, address, phone, userEmail, agentName, agentEmail}]。", UIHint = "json")]
    public Input<JsonArray>? Parties { get; set; }

    [Input(DisplayName = "争议金额", UIHint = "number")]
    public Input<decimal?>? Amount { get; set; }

    [Input(DisplayName = "申请日期", UIHint = "date")]
    public Input<string>? FiledOn { get; set; }

    [Input(DisplayName = "演示数据", UIHint = "checkbox")]
    public Input<bool>? IsDemo { get; set; }

    [Output(DisplayName = "案件 id")]
    public Output<string>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var id = Ulid.NewId(context.Now);
        var calendar = context.GetRequiredService<Calendar.StatutoryCalendar>();
        var filed = await context.EvaluateAsync(FiledOn) is { Length: >= 10 } text
            ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd")
            : calendar.Today(context.Now);
        var record = session.Create(new CaseRecord
        {
            Id = id,
            Kind = await context.EvaluateAsync(Kind) ?? CaseKinds.Arbitration,
            Title = await context.EvaluateAsync(Title) ?? "未命名案件",
            Stage = "申请",
            AmountInDispute = await context.EvaluateAsync(Amount),
            FiledOn = filed,
            FieldsJson = (await context.EvaluateAsync(Fields) ?? []).ToJsonString(WorkflowJson.Compact),
            InstanceId = context.Workflow.InstanceId,
            IsDemo = await context.EvaluateAsync(IsDemo),
        });
        var ordinal = 0;
        foreach (var party in (await context.EvaluateAsync(Parties) ?? []).OfType<JsonObject>())
            await session.AddPartyAsync(ReadParty(party, id, ordinal++));
        // The instance is about this case from now on (a sub-process opens its own case beside its parent's).
        context.Workflow.CorrelationId = id;
        session.Log(id, "stage", $"收到申请：{record.Title}", data: new JsonObject { ["stage"] = record.Stage });
        context.JournalData["caseId"] = id;
        context.SetOutput(Result, "result", id);
        context.Complete();
    }

    static CaseParty ReadParty(JsonObject p, string caseId, int ordinal)
    {
        string? S(string key) => p[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        return new CaseParty
        {
            Id = Ulid.NewId(),
            CaseId = caseId,
            Side = S("side") ?? PartySides.Claimant,
            PartyKind = S("partyKind") ?? (S("creditCode") is null ? "person" : "organization"),
            Name = S("name") ?? throw new WorkflowFaultException("invalid-party", "当事人缺少姓名或名称。"),
            Gender = S("gender"),
            BirthDate = S("birthDate") is { Length: >= 10 } b ? DateOnly.ParseExact(b[..10], "yyyy-MM-dd") : null,
            IdNumber = S("idNumber"),
            CreditCode = S("creditCode"),
            Representative = S("representative"),
            Address = S("address"),
            Phone = S("phone"),
            UserEmail = S("userEmail")?.Trim().ToLowerInvariant(),
            AgentName = S("agentName"),
            AgentEmail = S("agentEmail")?.Trim().ToLowerInvariant(),
            Ordinal = ordinal,
        };
    }
}
