using System.Text.Json.Nodes;
using Justice.Casework.Documents;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Tests.Casework.Documents;

/// <summary>
/// Each document template of <c>templates/</c> rendered from a model file must equal its expected HTML file.
/// A variant of a template (another case of the same document) is a model named <c>template~variant.model.json</c>.
/// Set <c>UPDATE_GOLDEN=1</c> to write the expected files after a deliberate change, then read the diff.
/// </summary>
public sealed class TemplateGoldenTests
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Casework", "Documents", "Templates");

    static IEnumerable<string> Names() => Directory.GetFiles(Folder, "*.model.json", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')[..^".model.json".Length]).Order(StringComparer.Ordinal);

    public static TheoryData<string> Templates() => new(Names());

    static string TemplateOf(string name) => name.Split('~')[0];

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Render_MatchesGoldenFile(string name)
    {
        var renderer = new DocumentRenderer(Options.Create(new DocumentOptions { TemplateFolder = Path.Combine(AppContext.BaseDirectory, "templates") }));
        var model = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, $"{name}.model.json")))!;

        var html = await renderer.RenderAsync(TemplateOf(name), model);

        var expectedPath = Path.Combine(Folder, $"{name}.expected.html");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(FindRepoTests(), "Casework", "Documents", "Templates", $"{name}.expected.html");
            await File.WriteAllTextAsync(source, html);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"golden file missing: {name}.expected.html (run with UPDATE_GOLDEN=1)");
        Assert.Equal(await File.ReadAllTextAsync(expectedPath), html);
    }

    [Fact]
    public void EveryDocumentTemplate_HasAGoldenModel()
    {
        var renderer = new DocumentRenderer(Options.Create(new DocumentOptions { TemplateFolder = Path.Combine(AppContext.BaseDirectory, "templates") }));

        Assert.Equal(renderer.List(), Names().Select(TemplateOf).Distinct());
    }

    static string FindRepoTests()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Justice.Workflows.Tests.csproj")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("tests/Workflows");
    }
}
