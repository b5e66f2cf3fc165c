using System.Text.Json.Nodes;
using Bunit;
using Justice.Casework.Activities;
using Justice.Portal.Features.Designer;
using Justice.Workflows.Runtime.Model;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>A published definition usable as an activity is in the toolbox under its category and is placed pinned to its version, with its inputs' editors.</summary>
public sealed class WorkflowActivityDesignerTests
{
    /// <summary>Elsa's Sum (ParentChildOutputMapping/sum.json): inputs A and B (Int32, singleline), output Result, category Custom.</summary>
    static ActivityRegistry RegistryWithSum(bool published = true)
    {
        var registry = CaseworkActivities.CreateRegistry();
        var sum = JsonNode.Parse(File.ReadAllText(Path.Combine(DesignerModelTests.Repository, "tests", "Workflows", "Fixtures", "Elsa3", "ParentChildOutputMapping", "sum.json")))!.AsObject();
        registry.Workflows.SetDefinition("P4X-srRSDUeKpFHiDXMW-w", [(sum, "E02197RyVk6VyofGoO6YJQ", 3, published, true)]);
        return registry;
    }

    [Fact]
    public async Task Toolbox_ListsThePublishedDefinition_UnderItsCategory()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();

        var toolbox = context.Render<DesignerToolbox>(p => p.Add(x => x.Activities, RegistryWithSum().Descriptors));

        var group = toolbox.FindAll("section.toolbox-group").Single(s => s.QuerySelector("h2")!.TextContent == "Custom");
        Assert.NotNull(group.QuerySelector("[data-toolbox-type='Sum']"));
    }

    [Fact]
    public void Toolbox_LeavesOutAnUnpublishedDefinition()
    {
        Assert.DoesNotContain(RegistryWithSum(published: false).Descriptors, d => d.TypeName == "Sum");
    }

    [Fact]
    public async Task PlacedActivity_IsPinnedToTheVersion_AndHasItsInputsEditors()
    {
        var registry = RegistryWithSum();
        var model = DesignerModel.CreateNew("sum-consumer", "求和使用者", registry, new DefinitionCompiler(registry));

        var id = model.AddActivity("Sum", 0, 0);

        var node = model.Find(id)!.Json;
        Assert.Equal("P4X-srRSDUeKpFHiDXMW-w", node["workflowDefinitionId"]!.GetValue<string>());
        Assert.Equal("E02197RyVk6VyofGoO6YJQ", node["workflowDefinitionVersionId"]!.GetValue<string>());
        Assert.Equal(3, node["version"]!.GetValue<int>());
        Assert.Empty(model.Problems);
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.Render<MudPopoverProvider>();
        var panel = context.Render<ActivityPanel>(p => p.Add(x => x.Model, model).Add(x => x.Node, model.Find(id)!));
        Assert.Equal(["a", "b"], panel.FindAll("[data-input]").Select(e => e.GetAttribute("data-input")));
    }
}
