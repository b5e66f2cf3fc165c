using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Cases;

/// <summary>
/// Picks the case-quality reviewer (案件评查) from a pool: never a person who handled the case (secretary,
/// arbitrators, director of the case); the pick is reproducible from the case id.
/// </summary>
[Activity("Justice", "AssignReviewer", Category = "案件", DisplayName = "指定评查员", Description = "从评查员名单中指定一名未办理过本案的评查员。")]
public sealed class AssignReviewer : CaseActivity
{
    [Input(DisplayName = "评查员名单（邮箱）", UIHint = "json")]
    public Input<string[]>? Pool { get; set; }

    [Output(DisplayName = "评查员")]
    public Output<string>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var handlers = (await session.MembersAsync(caseId)).Where(m => m.Relation != CaseRelations.Reviewer).Select(m => m.UserEmail).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pool = (await context.EvaluateAsync(Pool) ?? []).Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).Distinct().ToList();
        var eligible = pool.Where(p => !handlers.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (eligible.Count == 0)
            throw new WorkflowFaultException("no-reviewer", "评查员名单中没有未办理过本案的人员。");
        var reviewer = eligible[(int)((uint)StableHash(caseId) % (uint)eligible.Count)];
        var member = new CaseMember { Id = Ulid.NewId(context.Now), CaseId = caseId, UserEmail = reviewer, Relation = CaseRelations.Reviewer };
        await session.AddMemberAsync(member);
        session.Log(caseId, "member", $"评查员：{member.DisplayName}", Actor(context), new JsonObject { ["reviewer"] = reviewer });
        context.SetOutput(Result, "result", reviewer);
        context.Complete();
    }

    static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
                hash = hash * 31 + c;
            return hash;
        }
    }
}
