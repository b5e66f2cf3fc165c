using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Notifications;

/// <summary>
/// Notifies parties and staff: a message in the portal for each recipient, and for parties with an e-mail
/// address or phone a message in the outbox that a mail or SMS sender drains.
/// </summary>
[Activity("Justice", "Notify", Category = "通知", DisplayName = "发送通知", Description = "通知当事人（站内信、短信/邮件）和案件相关人员。")]
public sealed class Notify : CaseActivity
{
    [Input(DisplayName = "收件人", Description = "party:claimant、party:respondent、party:all、relation:secretary、relation:tribunal、role:director 或邮箱。", UIHint = "json")]
    public Input<string[]>? To { get; set; }

    [Input(DisplayName = "标题", UIHint = "singleline")]
    public Input<string>? Subject { get; set; }

    [Input(DisplayName = "内容", UIHint = "multiline")]
    public Input<string>? Body { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var subject = await context.EvaluateAsync(Subject) ?? "案件通知";
        var body = await context.EvaluateAsync(Body) ?? "";
        var parties = await session.PartiesAsync(caseId);
        var members = await session.MembersAsync(caseId);
        var inApp = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var outbox = new List<(string Channel, string Recipient)>();
        foreach (var target in await context.EvaluateAsync(To) ?? [])
        {
            var (kind, value) = target.Split(':', 2) is [var k, var v] ? (k, v) : ("user", target);
            switch (kind)
            {
                case "party":
                    foreach (var party in parties.Where(p => value == "all" || p.Side == value))
                    {
                        foreach (var email in new[] { party.UserEmail, party.AgentEmail }.OfType<string>())
                        {
                            inApp.Add(email);
                            outbox.Add(("email", email));
                        }
                        if (party.Phone is { Length: > 0 } phone)
                            outbox.Add(("sms", phone));
                    }
                    break;
                case "relation":
                    foreach (var member in members.Where(m => m.Active && (m.Relation == value || (value == "tribunal" && CaseRelations.IsTribunal(m.Relation)))))
                        inApp.Add(member.UserEmail);
                    break;
                case "role":
                    inApp.Add($"role:{value}");
                    break;
                default:
                    inApp.Add(value);
                    break;
            }
        }
        foreach (var recipient in inApp)
            session.Add(new Notification { Id = Ulid.NewId(context.Now), Recipient = recipient.ToLowerInvariant(), CaseId = caseId, Title = subject, Body = body, CreatedAt = context.Now });
        foreach (var (channel, recipient) in outbox.Distinct())
            session.Add(new OutboxMessage { Id = Ulid.NewId(context.Now), Channel = channel, Recipient = recipient, Subject = subject, Body = body, CreatedAt = context.Now });
        context.JournalData["recipients"] = inApp.Count;
        context.JournalData["outbox"] = outbox.Count;
        context.Complete();
    }
}
