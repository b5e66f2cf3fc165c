using System.Text.Json.Nodes;
using Justice.Casework.Activities;
using Justice.Workflows.Definitions;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Tests.Definitions;

/// <summary>The processes in <c>workflow-definitions/</c> validate, round-trip unchanged and are laid out for the designer.</summary>
public sealed class ShippedDefinitionTests : EngineTest
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "ShippedDefinitions");

    public static TheoryData<string> Files() => new(Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>().Order());

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedDefinition_Validates(string file)
    {
        var document = DefinitionJson.Parse(File.ReadAllText(Path.Combine(Folder, file)), out var problem)!;

        var model = new DefinitionCompiler(CaseworkActivities.CreateRegistry()).Compile(document);

        Assert.Null(problem);
        Assert.True(model.IsValid, string.Join("\n", model.Problems.Select(p => $"{p.Code} {p.Path} {p.Message}")));
        Assert.All(model.Activities.Values.Where(a => model.ParentOf(a.Id) is not null), a =>
        {
            Assert.NotNull(a.Node["metadata"]?["designer"]?["position"]);
            Assert.False(string.IsNullOrEmpty(a.Name), $"{a.Id} has no display name");
        });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ShippedDefinition_SavedWithoutChange_ExportsIdenticalJson(string file)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Folder, file));
        var original = DefinitionJson.Parse(text, out _)!;

        var result = await Host.Definitions.ImportAsync(text, publish: false);
        var exported = WorkflowDefinitionService.Export((await Host.Definitions.FindAsync(result.DefinitionId!, VersionSelector.Latest))!);

        foreach (var key in new[] { "isLatest", "isPublished", "createdAt" })
            exported.Remove(key);
        Assert.True(JsonNode.DeepEquals(original, exported), file);
    }
}
