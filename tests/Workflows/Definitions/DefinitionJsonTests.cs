using System.Text;
using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Tests.Definitions;

public sealed class DefinitionJsonTests : EngineTest
{
    public static TheoryData<string> Fixtures() => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(AppContext.BaseDirectory, f)));

    static readonly string[] ServerOwned = ["version", "isLatest", "isPublished", "createdAt"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Import_ThenExport_EqualsOriginalApartFromServerFields(string fixture)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, fixture));
        var original = DefinitionJson.Parse(text, out _)!;

        var result = await Host.Definitions.ImportAsync(text, publish: false);
        var exported = WorkflowDefinitionService.Export((await Host.Definitions.FindAsync(result.DefinitionId!, VersionSelector.Latest))!);

        foreach (var key in ServerOwned)
        {
            original.Remove(key);
            exported.Remove(key);
        }
        if (!original.ContainsKey("definitionId"))
            exported.Remove("definitionId");
        if (!original.ContainsKey("id"))
            exported.Remove("id");
        Assert.True(JsonNode.DeepEquals(original, exported), $"{fixture}\n{original.ToJsonString()}\n{exported.ToJsonString()}");
        Assert.Equal(original.Select(p => p.Key), exported.Select(p => p.Key));
    }

    [Fact]
    public void Parse_WithByteOrderMark_Reads()
    {
        var text = Encoding.UTF8.GetString([0xEF, 0xBB, 0xBF]) + """{"definitionId":"bom","root":{"id":"r","type":"Elsa.Flowchart","activities":[]}}""";

        var document = DefinitionJson.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal("bom", document!["definitionId"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_LegacyConnection_IsWrittenInCurrentForm()
    {
        var text = """{"root":{"id":"r","type":"Elsa.Flowchart","activities":[],"connections":[{"source":"a","sourcePort":"True","target":"b","targetPort":"In"}]}}""";

        var document = DefinitionJson.Parse(text, out _)!;

        var connection = document["root"]!["connections"]![0]!;
        Assert.Equal("a", connection["source"]!["activity"]!.GetValue<string>());
        Assert.Equal("True", connection["source"]!["port"]!.GetValue<string>());
        Assert.Equal("b", connection["target"]!["activity"]!.GetValue<string>());
        Assert.Equal("In", connection["target"]!["port"]!.GetValue<string>());
        Assert.Null(connection["sourcePort"]);
    }

    [Fact]
    public async Task Import_WithoutDefinitionId_GeneratesOne()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", "http-workflow.json"));

        var result = await Host.Definitions.ImportAsync(text, publish: false);

        Assert.False(string.IsNullOrWhiteSpace(result.DefinitionId));
        var exported = WorkflowDefinitionService.Export((await Host.Definitions.FindAsync(result.DefinitionId!, VersionSelector.Latest))!);
        Assert.Equal(result.DefinitionId, exported["definitionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_UnknownActivityAndKeys_SurviveExport()
    {
        var text = """
            {"definitionId":"keeps","x-custom":{"a":[1,2]},"root":{"id":"r","type":"Elsa.Flowchart","activities":[
              {"id":"p","type":"Acme.Producer","version":2,"weird":{"deep":true},"metadata":{"designer":{"position":{"x":1.5,"y":2}}}}],"connections":[]}}
            """;

        var result = await Host.Definitions.ImportAsync(text, publish: false);
        var exported = WorkflowDefinitionService.Export((await Host.Definitions.FindAsync("keeps", VersionSelector.Latest))!);

        Assert.Contains(result.Errors, e => e.Code == DefinitionProblem.UnknownActivityType && e.ActivityId == "p");
        Assert.Equal("""{"a":[1,2]}""", exported["x-custom"]!.ToJsonString());
        var activity = exported["root"]!["activities"]![0]!;
        Assert.True(activity["weird"]!["deep"]!.GetValue<bool>());
        Assert.Equal(1.5, activity["metadata"]!["designer"]!["position"]!["x"]!.GetValue<double>());
    }
}
