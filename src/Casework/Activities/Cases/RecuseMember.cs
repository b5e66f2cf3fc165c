using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Cases;

/// <summary>Ends a person's relation to the case (recusal, replacement): they lose access and their tasks with it.</summary>
[Activity("Justice", "RecuseMember", Category = "案件", DisplayName = "人员回避/更换", Description = "终止某人在案件中的身份（回避、更换），其访问权随之终止。")]
public sealed class RecuseMember : CaseActivity
{
    [Input(DisplayName = "人员（邮箱）", UIHint = "singleline")]
    public Input<string>? User { get; set; }

    [Input(DisplayName = "原因", UIHint = "singleline")]
    public Input<string>? Reason { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var user = (await context.EvaluateAsync(User))?.Trim().ToLowerInvariant() ?? throw new WorkflowFaultException("invalid-input", "未指定回避的人员。");
        var reason = await context.EvaluateAsync(Reason) ?? "回避";
        var ended = 0;
        foreach (var member in (await session.MembersAsync(caseId)).Where(m => m.Active && m.UserEmail == user))
        {
            member.Active = false;
            member.Until = context.Now;
            member.Note = reason;
            session.Modify(member);
            ended++;
        }
        if (ended == 0)
            throw new WorkflowFaultException("not-a-member", $"{user} 不是本案在任的人员。");
        session.Log(caseId, "member", $"{await session.PersonNameAsync(user, cancellationToken: context.CancellationToken)} {reason}", Actor(context), new JsonObject { ["user"] = user, ["reason"] = reason });
        context.JournalData["user"] = user;
        context.Complete();
    }
}
