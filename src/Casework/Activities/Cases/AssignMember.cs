using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Cases;

/// <summary>Gives a person a relation to the case (secretary, arbitrator, presiding arbitrator, director, reviewer …).</summary>
[Activity("Justice", "AssignMember", Category = "案件", DisplayName = "指定案件人员", Description = "为案件指定办案秘书、仲裁员、首席仲裁员、评查员等。")]
public sealed class AssignMember : CaseActivity
{
    [Input(DisplayName = "关系", UIHint = "dropdown", Options = ["secretary", "arbitrator", "presiding-arbitrator", "director", "reviewer", "notary", "provider", "verifier"])]
    public Input<string>? Relation { get; set; }

    [Input(DisplayName = "人员（邮箱）", UIHint = "singleline")]
    public Input<string>? User { get; set; }

    [Input(DisplayName = "姓名", UIHint = "singleline")]
    public Input<string>? PersonName { get; set; }

    [Input(DisplayName = "说明", Description = "例如：申请人选定、主任指定。", UIHint = "singleline")]
    public Input<string>? Note { get; set; }

    [Input(DisplayName = "多名人员", Description = "[{user, name, relation, note}]，例如仲裁庭全体成员。", UIHint = "json")]
    public Input<JsonArray>? Members { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var caseId = await CaseIdAsync(context);
        var many = await context.EvaluateAsync(Members);
        if (many is { Count: > 0 })
        {
            foreach (var member in many.OfType<JsonObject>())
            {
                await AddAsync(context, caseId, member["relation"]?.GetValue<string>() ?? await context.EvaluateAsync(Relation),
                    member["user"]?.GetValue<string>(), member["name"]?.GetValue<string>(), member["note"]?.GetValue<string>());
            }
        }
        else
        {
            await AddAsync(context, caseId, await context.EvaluateAsync(Relation), await context.EvaluateAsync(User),
                await context.EvaluateAsync(PersonName), await context.EvaluateAsync(Note));
        }
        context.Complete();
    }

    async Task AddAsync(ActivityExecutionContext context, string caseId, string? relation, string? user, string? name, string? note)
    {
        if (string.IsNullOrWhiteSpace(relation))
            throw new WorkflowFaultException("invalid-input", "未指定人员关系。");
        if (string.IsNullOrWhiteSpace(user))
            throw new WorkflowFaultException("invalid-input", $"未指定{RelationName(relation)}。");
        var member = new CaseMember
        {
            Id = Ulid.NewId(context.Now),
            CaseId = caseId,
            UserEmail = user.Trim().ToLowerInvariant(),
            DisplayName = name,
            Relation = relation,
            Note = note,
        };
        await context.Cases().AddMemberAsync(member);
        name = member.DisplayName;
        context.Cases().Log(caseId, "member", $"{RelationName(relation)}：{name}{(note is null ? "" : $"（{note}）")}", Actor(context),
            new JsonObject { ["relation"] = relation, ["user"] = user });
        context.JournalData[relation] = user;
    }

    public static string RelationName(string relation) => relation switch
    {
        CaseRelations.Secretary => "办案秘书",
        CaseRelations.Arbitrator => "仲裁员",
        CaseRelations.PresidingArbitrator => "首席仲裁员",
        CaseRelations.Director => "主任",
        CaseRelations.Reviewer => "评查员",
        CaseRelations.Notary => "承办公证员",
        CaseRelations.Provider => "法律援助人员",
        CaseRelations.Verifier => "核查人员",
        _ => relation,
    };
}
