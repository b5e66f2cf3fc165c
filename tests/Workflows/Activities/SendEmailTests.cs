using System.Text.Json.Nodes;
using Justice.Workflows.Activities.Email;
using Justice.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Activities;

public sealed class SendEmailTests
{
    /// <summary>The host's mailer as the engine sees it: it keeps what it is given.</summary>
    sealed class KeptMail : IWorkflowMailer
    {
        public List<WorkflowMail> Mails { get; } = [];

        public Task SendAsync(WorkflowMail mail, CancellationToken cancellationToken)
        {
            Mails.Add(mail);
            return Task.CompletedTask;
        }
    }

    static JsonObject Mail(params (string Key, JsonNode? Value)[] inputs) => Definition($"mail-{Guid.NewGuid():N}",
        [Start(), Activity("mail", "Elsa.SendEmail", inputs)], [("start", "Done", "mail")], variables: [Variable("CaseNumber", "String", "（2026）仲字第 1 号")]);

    [Fact]
    public async Task SendEmail_HandsTheMailToTheHostsMailer()
    {
        var mailer = new KeptMail();
        await using var host = await WorkflowTestHost.CreateAsync(configure: s => s.AddSingleton<IWorkflowMailer>(mailer));

        var instance = await host.RunAsync(Mail(("to", Literal("[\"a@example.cn\", \"b@example.cn\"]", "String[]")), ("cc", Literal("c@example.cn", "String[]")),
            ("subject", Liquid("案件 {{ Variables.CaseNumber }} 已受理")), ("body", Literal("请按时缴费。", "String"))));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        var mail = Assert.Single(mailer.Mails);
        Assert.Equal(["a@example.cn", "b@example.cn"], mail.To);
        Assert.Equal(["c@example.cn"], mail.Cc);
        Assert.Empty(mail.Bcc);
        Assert.Null(mail.From);
        Assert.Equal("案件 （2026）仲字第 1 号 已受理", mail.Subject);
        Assert.Equal("请按时缴费。", mail.Body);
    }

    [Theory]
    [InlineData("not an address", "收件人地址“not an address”无效")]
    [InlineData("", "没有收件人")]
    public async Task SendEmail_WithBadRecipients_FaultsInChinese_AndSendsNothing(string to, string why)
    {
        var mailer = new KeptMail();
        await using var host = await WorkflowTestHost.CreateAsync(configure: s => s.AddSingleton<IWorkflowMailer>(mailer));

        var instance = await host.RunAsync(Mail(("to", Literal(to, "String[]")), ("subject", Literal("主题", "String"))));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Equal($"活动“发送邮件”未发送邮件：{why}。", Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id)).Message);
        Assert.Empty(mailer.Mails);
    }
}
