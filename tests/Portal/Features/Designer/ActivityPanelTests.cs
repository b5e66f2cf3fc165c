using System.Text.Json.Nodes;
using Bunit;
using Justice.Portal.Features.Designer;
using Justice.Casework.Activities;
using Justice.Portal.Localization;
using Justice.Workflows.Activities;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>The property panel writes what its editors show, in Elsa 3's shapes.</summary>
public sealed class ActivityPanelTests
{
    static readonly ActivityRegistry Registry = CaseworkActivities.CreateRegistry();

    static BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        return context;
    }

    static (DesignerModel Model, string Id) Task()
    {
        var model = DesignerModel.CreateNew("panel-test", "面板测试", Registry, new DefinitionCompiler(Registry));
        return (model, model.AddActivity("Justice.UserTask", 0, 0));
    }

    static IRenderedComponent<ActivityPanel> Render(BunitContext context, DesignerModel model, string id)
    {
        context.Render<MudPopoverProvider>();
        return context.Render<ActivityPanel>(p => p.Add(x => x.Model, model).Add(x => x.Node, model.Find(id)!));
    }

    [Fact]
    public async Task EveryDeclaredInput_HasAnEditor_WithAModeSwitch()
    {
        await using var context = Context();
        var (model, id) = Task();

        var panel = Render(context, model, id);

        var inputs = Registry.Find("Justice.UserTask")!.Inputs;
        Assert.Equal(inputs.Select(i => i.Name), panel.FindAll("[data-input]").Select(e => e.GetAttribute("data-input")));
        Assert.Equal(inputs.Count, panel.FindAll("select.input-mode").Count);
        Assert.Single(panel.FindAll("[data-input='form'] .form-fields"));
        Assert.Single(panel.FindAll("[data-input='outcomes'] .list-editor"));
    }

    [Fact]
    public async Task SwitchingToJavaScript_WritesTheExpression_AndShowsItsSyntaxError()
    {
        await using var context = Context();
        var (model, id) = Task();
        var panel = Render(context, model, id);

        panel.Find("[data-input='title'] select.input-mode").Change("JavaScript");
        panel.Find("[data-input='title'] textarea").Change("getInput('Subject' +");

        var title = model.Find(id)!.Json["title"]!;
        Assert.Equal("JavaScript", title["expression"]!["type"]!.GetValue<string>());
        Assert.Equal("String", title["typeName"]!.GetValue<string>());
        Assert.Contains("JavaScript 语法错误", panel.Find("[data-input='title'] .syntax.error").TextContent);
        Assert.Contains(model.ProblemsOf(id), p => p.Path!.EndsWith(".title"));

        panel.Find("[data-input='title'] textarea").Change("'审批：' + getInput('Subject')");
        Assert.Contains("语法正确", panel.Find("[data-input='title'] .syntax.ok").TextContent);
    }

    [Fact]
    public async Task Outcomes_AreAddedAsAList_AndBecomeThePorts()
    {
        await using var context = Context();
        var (model, id) = Task();
        var panel = Render(context, model, id);

        foreach (var outcome in new[] { "同意", "不同意" })
        {
            panel.Find("[data-input='outcomes'] input.list-input").Input(outcome);
            panel.Find("[data-input='outcomes'] input.list-input").KeyDown("Enter");
        }

        Assert.Equal("""["同意","不同意"]""", model.Find(id)!.Json["outcomes"]!["expression"]!["value"]!.ToJsonString(DefinitionJson.CompactOptions));
        Assert.Equal(["同意", "不同意", "Overdue"], model.Find(id)!.Ports);
    }

    [Fact]
    public async Task FormFields_AreAddedAndEdited_AsElsaWritesThem()
    {
        await using var context = Context();
        var (model, id) = Task();
        var panel = Render(context, model, id);

        panel.FindAll("[data-input='form'] button").Single(b => b.TextContent.Contains("添加字段")).Click();
        panel.Find("[data-form-field='0'] select").Change("select");
        panel.Find("[data-form-field='0'] input[type=checkbox]").Change(true);
        panel.FindAll("[data-form-field='0'] input[type=text]").Last().Change("邮寄，直接");

        var field = model.Find(id)!.Json["form"]!["expression"]!["value"]![0]!;
        Assert.Equal("select", field["type"]!.GetValue<string>());
        Assert.True(field["required"]!.GetValue<bool>());
        Assert.Equal("""["邮寄","直接"]""", field["options"]!.ToJsonString(DefinitionJson.CompactOptions));
        Assert.Equal("Object", model.Find(id)!.Json["form"]!["typeName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connecting_FromThePanel_IsTheKeyboardWayToConnect()
    {
        await using var context = Context();
        var (model, id) = Task();
        var end = model.AddActivity("Elsa.End", 300, 0);
        var panel = Render(context, model, id);

        panel.Find("[data-port-row='Done'] select.port-connect").Change(end);

        Assert.Contains(model.Edges, e => e.Source == id && e.Port == "Done" && e.Target == end);
    }
}
