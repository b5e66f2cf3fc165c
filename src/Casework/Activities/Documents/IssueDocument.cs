using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Documents;
using Justice.Casework.Records;
using Justice.Casework.Rules;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Documents;

/// <summary>
/// Issues a document: renders a template of <c>templates/</c> with the case, its parties and the process's data,
/// numbers it (the case number, or the next number of a gap-free series) and stores it with the case, immutable.
/// A template error faults the instance with the template, line and column; no document is stored.
/// </summary>
[Activity("Justice", "IssueDocument", Category = "文书", DisplayName = "制作文书", Description = "用模板生成文书并编号，存入案卷（签发后不可修改）。")]
public sealed class IssueDocument : CaseActivity
{
    [Input(DisplayName = "模板", Description = "templates/ 下的模板，例如 arbitration/acceptance-notice。", UIHint = "template-picker")]
    public Input<string>? Template { get; set; }

    [Input(DisplayName = "文书名称", UIHint = "singleline")]
    public Input<string>? Title { get; set; }

    [Input(DisplayName = "受送达方", Description = "claimant / respondent / 空（全体当事人）。", UIHint = "dropdown", Options = ["", "claimant", "respondent"])]
    public Input<string>? Recipient { get; set; }

    [Input(DisplayName = "编号", Description = "case：用案号；series：按下面的文号序列连续编号；none：不编号。", UIHint = "dropdown", Options = ["case", "series", "none"], DefaultValue = "case")]
    public Input<string>? Numbering { get; set; }

    [Input(DisplayName = "文号格式", Description = "例如 （{year}）衡仲决字第{0:0000}号。", UIHint = "singleline")]
    public Input<string>? NumberFormat { get; set; }

    [Input(DisplayName = "文书数据", UIHint = "json")]
    public Input<JsonObject>? Data { get; set; }

    [Input(DisplayName = "必备内容", Description = "文书数据中不得为空的项（例如裁决书的事实、理由和法律依据）；缺少时不制作文书。", UIHint = "json")]
    public Input<string[]>? RequiredData { get; set; }

    [Input(DisplayName = "更正的文书", Description = "被本文书更正的文书 id（补正）。", UIHint = "singleline")]
    public Input<string>? Supersedes { get; set; }

    [Output(DisplayName = "文书", Description = "{documentId, number, title, date}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var record = await CaseAsync(context);
        var template = await context.EvaluateAsync(Template) ?? throw new WorkflowFaultException("invalid-input", "未指定文书模板。");
        var title = await context.EvaluateAsync(Title) ?? template;
        var calendar = context.GetRequiredService<StatutoryCalendar>();
        var today = calendar.Today(context.Now);
        var provider = context.GetRequiredService<RuleSetProvider>();
        var rules = record.RuleSetJson is { } json
            ? new RuleSet((JsonObject)JsonNode.Parse(json)!)
            : provider.InForce(record.Kind, today);
        rules.AddMissingCitations(provider.Find(rules.Id));

        var data = await context.EvaluateAsync(Data);
        var missing = (await context.EvaluateAsync(RequiredData) ?? []).Where(key => data?[key] is not JsonValue value
            || (value.GetValueKind() == System.Text.Json.JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>()))).ToList();
        if (missing.Count > 0)
            throw new WorkflowFaultException("invalid-input", $"{title}缺少必备内容：{string.Join("、", missing)}，不能制作。");

        var number = (await context.EvaluateAsync(Numbering) ?? "case") switch
        {
            "none" => null,
            "series" => session.ReserveNumber($"{rules.SeriesPrefix}:{await context.EvaluateAsync(NumberFormat)}:{today.Year}",
                (await context.EvaluateAsync(NumberFormat) ?? throw new WorkflowFaultException("invalid-input", "按序列编号需要文号格式。")).Replace("{year}", today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            _ => record.Number,
        };
        var documentId = Ulid.NewId(context.Now);
        var model = DocumentModelBuilder.Build(record, await session.PartiesAsync(record.Id), await session.MembersAsync(record.Id), rules,
            title, number, today, await context.EvaluateAsync(Recipient), data);
        model["document"]!["id"] = documentId;
        if (await DecidingOfficeAsync(session, provider, record, today) is { } office)
            model["office"] = office;

        string html;
        try
        {
            html = await (context.GetRequiredService<DocumentRenderer>()).RenderAsync(template, model, context.CancellationToken);
        }
        catch (DocumentTemplateException ex)
        {
            throw new WorkflowFaultException("template-error", ex.Message, "文书");
        }

        var document = new CaseDocument
        {
            Id = documentId,
            CaseId = record.Id,
            InstanceId = context.Workflow.InstanceId,
            Template = template,
            Title = title,
            Number = number,
            Html = html,
            IssuedAt = context.Now,
            IssuedBy = Actor(context),
            SupersedesId = await context.EvaluateAsync(Supersedes),
            Sha256 = DocumentHash.Of(html),
        };
        session.Add(document);
        session.Log(record.Id, "document", $"制作{title}{(number is null ? "" : $"（{number}）")}", Actor(context),
            new JsonObject { ["documentId"] = document.Id, ["template"] = template, ["number"] = number });
        var result = new JsonObject { ["documentId"] = document.Id, ["number"] = number, ["title"] = title, ["date"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        context.JournalData["documentId"] = document.Id;
        context.JournalData["number"] = number;
        context.JournalData["title"] = title;
        context.SetOutput(Result, "result", result);
        context.Complete();
    }

    /// <summary>
    /// The office whose letterhead a commitment's documents carry: the one that decides the matter the commitment is
    /// made for (the notary office, the legal-aid centre) — its main case's office, or that of the rules in force for the
    /// main case's kind. Null for any other case: its own rule set's office.
    /// </summary>
    static async Task<JsonObject?> DecidingOfficeAsync(CaseSession session, RuleSetProvider provider, CaseRecord record, DateOnly today)
    {
        if (record.Kind != "commitment" || JsonNode.Parse(record.FieldsJson) is not JsonObject fields)
            return null;
        if (fields["parentCaseId"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && await session.FindAsync(fields["parentCaseId"]!.GetValue<string>()) is { RuleSetJson: { } parentRules }
            && JsonNode.Parse(parentRules)?["office"] is JsonObject parentOffice)
            return parentOffice.DeepClone().AsObject();
        if (fields["parentKind"]?.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            var kind = fields["parentKind"]!.GetValue<string>();
            return provider.All.Where(s => s.Kind == kind && s.EffectiveFrom <= today).MaxBy(s => s.EffectiveFrom)?.Office.DeepClone().AsObject();
        }
        return null;
    }
}
