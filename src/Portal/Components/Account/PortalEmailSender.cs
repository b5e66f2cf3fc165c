using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Justice.Portal.Data;
using Justice.Portal.Localization;
using Microsoft.Extensions.Localization;

namespace Justice.Portal.Components.Account;

/// <summary>Mail settings (<c>Email:*</c>): an SMTP server, or a pickup folder where every mail is written as an <c>.eml</c> file.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@justice.local";

    /// <summary>Mails are written here instead of sent (Development and tests: <c>mail/</c> beside the database).</summary>
    public string? PickupDirectory { get; set; }
}

/// <summary>
/// Sends the account mails. Confirmation and reset links reach only the owner of the address: they are mailed and
/// never shown on a page. Without a server or pickup folder the mail is not sent and a warning is logged.
/// </summary>
internal sealed class PortalEmailSender(IOptions<EmailOptions> options, IStringLocalizer<SharedResource> T, ILogger<PortalEmailSender> logger)
    : IEmailSender<ApplicationUser>, Justice.Workflows.Activities.Email.IWorkflowMailer
{
    /// <summary>A workflow's mail (Elsa.SendEmail): plain text, from the configured sender unless the workflow names one.</summary>
    public async Task SendAsync(Justice.Workflows.Activities.Email.WorkflowMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = Client(settings);
        if (client is null)
        {
            logger.LogWarning("未配置邮件服务（Email:Host），流程邮件“{Subject}”未发送。", mail.Subject);
            return;
        }
        using var message = new MailMessage { From = new MailAddress(mail.From ?? settings.From), Subject = mail.Subject, Body = mail.Body, IsBodyHtml = false,
            SubjectEncoding = Encoding.UTF8, BodyEncoding = Encoding.UTF8 };
        foreach (var to in mail.To)
            message.To.Add(to);
        foreach (var cc in mail.Cc)
            message.CC.Add(cc);
        foreach (var bcc in mail.Bcc)
            message.Bcc.Add(bcc);
        await client.SendMailAsync(message, cancellationToken);
    }

    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, T["确认邮箱"], T.Format("请<a href='{0}'>点击此处</a>确认您的账号。", confirmationLink));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, T["重置密码"], T.Format("请<a href='{0}'>点击此处</a>重置密码。", resetLink));

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, T["重置密码"], T.Format("请使用以下验证码重置密码：{0}", resetCode));

    /// <summary>Someone registered with an address that has an account: the owner hears of it, the registrant sees what any registrant sees.</summary>
    public Task SendAlreadyRegisteredAsync(string email, string loginLink) =>
        SendAsync(email, T["注册申请"], T.Format("有人使用本邮箱申请注册，但该邮箱已注册账号。如是您本人，请<a href='{0}'>直接登录</a>，忘记密码可在登录页重置；如非本人操作，请忽略本邮件。", loginLink));

    async Task SendAsync(string to, string subject, string html)
    {
        var settings = options.Value;
        using var client = Client(settings);
        if (client is null)
        {
            logger.LogWarning("未配置邮件服务（Email:Host），发往 {To} 的邮件“{Subject}”未发送。", to, subject);
            return;
        }
        using var message = new MailMessage(settings.From, to, subject, html)
        {
            IsBodyHtml = true,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        await client.SendMailAsync(message);
    }

    static SmtpClient? Client(EmailOptions settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.PickupDirectory))
            return new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = Directory.CreateDirectory(settings.PickupDirectory).FullName,
            };
        if (string.IsNullOrWhiteSpace(settings.Host))
            return null;
        var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.EnableSsl };
        if (!string.IsNullOrEmpty(settings.UserName))
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        return client;
    }
}
