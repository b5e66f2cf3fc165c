using System.Net.Mail;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Email;

/// <summary>A mail a workflow sends: plain text, to a bounded number of checked addresses.</summary>
public sealed record WorkflowMail(string? From, IReadOnlyList<string> To, IReadOnlyList<string> Cc, IReadOnlyList<string> Bcc, string Subject, string Body);

/// <summary>Sends the mails of <see cref="SendEmail"/>; the host implements it with its own mail settings.</summary>
public interface IWorkflowMailer
{
    Task SendAsync(WorkflowMail mail, CancellationToken cancellationToken);
}

/// <summary>Sends an e-mail through the host's mail sender (Elsa's SendEmail: From, To, Cc, Bcc, Subject, Body).</summary>
[Activity("Elsa", "SendEmail", Category = "通知", DisplayName = "发送邮件", Description = "通过系统的邮件服务发送一封纯文本邮件。")]
public sealed class SendEmail : Activity
{
    public const int MaxRecipients = 50;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 100_000;

    [Input(DisplayName = "发件人", Description = "为空时使用系统的发件地址。", UIHint = "singleline")]
    public Input<string>? From { get; set; }

    [Input(DisplayName = "收件人", UIHint = "multitext")]
    public Input<string[]>? To { get; set; }

    [Input(DisplayName = "抄送", UIHint = "multitext")]
    public Input<string[]>? Cc { get; set; }

    [Input(DisplayName = "密送", UIHint = "multitext")]
    public Input<string[]>? Bcc { get; set; }

    [Input(DisplayName = "主题", UIHint = "singleline")]
    public Input<string>? Subject { get; set; }

    [Input(DisplayName = "正文", Description = "纯文本正文。", UIHint = "multiline")]
    public Input<string>? Body { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var to = Addresses(await context.EvaluateAsync(To), "收件人");
        var cc = Addresses(await context.EvaluateAsync(Cc), "抄送");
        var bcc = Addresses(await context.EvaluateAsync(Bcc), "密送");
        if (to.Count == 0)
            throw Fault("没有收件人");
        if (to.Count + cc.Count + bcc.Count > MaxRecipients)
            throw Fault($"收件人总数超过 {MaxRecipients} 个");
        var from = await context.EvaluateAsync(From);
        if (!string.IsNullOrWhiteSpace(from))
            from = Addresses([from], "发件人")[0];
        var subject = (await context.EvaluateAsync(Subject) ?? "").ReplaceLineEndings(" ").Trim();
        var body = await context.EvaluateAsync(Body) ?? "";
        if (subject.Length > MaxSubjectLength)
            throw Fault($"主题超过 {MaxSubjectLength} 个字符");
        if (body.Length > MaxBodyLength)
            throw Fault($"正文超过 {MaxBodyLength} 个字符");
        var mailer = context.GetService<IWorkflowMailer>() ?? throw Fault("系统未配置邮件服务");
        await mailer.SendAsync(new WorkflowMail(string.IsNullOrWhiteSpace(from) ? null : from, to, cc, bcc, subject, body), context.CancellationToken);
        context.JournalData["to"] = string.Join(", ", to);
        context.JournalData["subject"] = subject;
    }

    List<string> Addresses(IEnumerable<string>? values, string what)
    {
        var result = new List<string>();
        foreach (var value in values ?? [])
        {
            if (string.IsNullOrWhiteSpace(value))
                continue;
            if (!MailAddress.TryCreate(value.Trim(), out var address) || address.Address.Length > 254)
                throw Fault($"{what}地址“{(value.Length > 100 ? value[..100] + "…" : value)}”无效");
            result.Add(address.Address);
        }
        return result;
    }

    WorkflowFaultException Fault(string why) => new("invalid-input", $"活动“{DisplayName}”未发送邮件：{why}。", "Email");
}
