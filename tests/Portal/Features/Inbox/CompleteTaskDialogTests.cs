using Bunit;
using Justice.Portal.Data;
using Justice.Portal.Localization;
using Justice.Portal.Features.Inbox;
using Justice.Casework.Tasks;
using Justice.Casework;
using Justice.Workflows.Runtime.State;
using Justice.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Justice.Portal.Tests.Features.Inbox;

/// <summary>The task dialog renders the task's form and refuses to submit without a decision.</summary>
public sealed class CompleteTaskDialogTests
{
    static InboxItem Item() => new(
        new HumanTaskRecord
        {
            Id = "t1", InstanceId = "i1", DefinitionId = "arbitration-case", ActivityId = "serveAcceptTask", Title = "送达受理通知书并登记送达回证",
            Instructions = "按送达地址送达。",
        },
        "（2026）衡仲字第0001号", "arbitration", "受理", "甲与乙买卖合同纠纷", new DateOnly(2026, 12, 1), 3, ["已送达", "无法送达"],
        FormField.Parse("""
            [{"name":"method","label":"送达方式","type":"select","required":true,"options":[{"value":"post","label":"邮寄送达"}]},
             {"name":"receivedOn","label":"签收日期","type":"date","required":true},
             {"name":"note","label":"备注说明","type":"textarea"}]
            """));

    [Fact]
    public async Task RendersOutcomesAndFields_AndAsksForADecisionFirst()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        var database = Path.Combine(Path.GetTempPath(), $"justice-bunit-{Guid.NewGuid():N}.db");
        context.Services.AddLogging().AddJusticeWorkflows(new ConfigurationBuilder().Build(), $"Data Source={database}")
            .AddJusticeCasework(new ConfigurationBuilder().Build(), $"Data Source={database}");
        // The dialog completes through the inbox's service, which also reassigns (audited, with the accounts' roles).
        context.Services.AddPortalFeatures().AddDbContext<ApplicationDbContext>(options => options.UseSqlite($"Data Source={database}"))
            .AddIdentityCore<ApplicationUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<ApplicationDbContext>();

        var provider = context.Render<MudDialogProvider>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<CompleteTaskDialog>("任务",
            new DialogParameters<CompleteTaskDialog> { { d => d.Item, Item() }, { d => d.User, new TaskUser("secretary@demo.justice.local", ["secretary"]) } }));

        provider.WaitForAssertion(() => Assert.Contains("送达受理通知书并登记送达回证", provider.Markup));
        Assert.Contains("按送达地址送达。", provider.Markup);
        Assert.Contains("已送达", provider.Markup);
        Assert.Contains("无法送达", provider.Markup);
        foreach (var label in new[] { "送达方式", "签收日期", "备注说明", "意见" })
            Assert.Contains(label, provider.Markup);
        Assert.Equal(3, provider.FindAll("[data-field]").Count);

        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "提交").Click());

        provider.WaitForAssertion(() => Assert.Contains("请选择处理结果。", provider.Markup));
    }
}
