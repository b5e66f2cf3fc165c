using Bunit;
using Justice.Portal.Features.Designer;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using static Justice.Portal.Tests.Features.Designer.DesignerModelTests;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>A structured activity's slots as the page lists them: in order, named, each opened with its own button.</summary>
public sealed class DesignerContainerViewTests
{
    static BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        return context;
    }

    [Fact]
    public async Task StructuredRoot_ListsItsSteps_AndTheButtonOfAFlowchartStepOpensIt()
    {
        await using var context = Context();
        var model = Open(DesignerScopeTests.SequenceRoot);

        var view = context.Render<DesignerContainerView>(p => p.Add(x => x.Model, model));

        Assert.Contains("依次办理", view.Find("h2").TextContent);
        Assert.Equal(["第 1 步", "第 2 步", "第 3 步"], view.FindAll(".slot-label").Select(e => e.TextContent));
        Assert.Equal(["输出文本", "流程图：1 个活动", "分叉"], view.FindAll(".slot-content").Select(e => e.TextContent));
        // A plain activity in a step is shown, not opened.
        Assert.Equal(["打开“第 2 步”", "打开“第 3 步”"], view.FindAll("button.slot-open").Select(b => b.GetAttribute("aria-label")));

        view.Find("button[aria-label='打开“第 2 步”']").Click();

        Assert.Equal([new DesignerScopeStep("s", "activities[1]")], model.Scope);
        Assert.True(model.IsFlowchart);
    }

    [Fact]
    public async Task PanelOfAStructuredActivity_ListsItsSlots_AndOpensAnEmptyOneAsANewFlowchart()
    {
        await using var context = Context();
        var model = Open(DesignerScopeTests.Nested);
        context.Render<MudPopoverProvider>();

        var panel = context.Render<ActivityPanel>(p => p.Add(x => x.Model, model).Add(x => x.Node, model.Find("check")!));

        Assert.Equal(["则", "否则"], panel.FindAll(".slot-label").Select(e => e.TextContent));
        Assert.Equal(["公告送达 · 输出文本", "空"], panel.FindAll(".slot-content").Select(e => e.TextContent));
        panel.Find("button[aria-label='打开“否则”']").Click();

        Assert.Equal([new DesignerScopeStep("check", "else")], model.Scope);
        Assert.Equal(DesignerModel.FlowchartType, model.ScopeType);
    }
}
