using System.Text.Json.Nodes;
using Justice.Casework.Documents;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Tests.Casework.Documents;

/// <summary>Template names and includes stay inside the template folder, also next to a folder whose name begins alike.</summary>
public sealed class TemplateFolderTests : IDisposable
{
    readonly string _parent = Path.Combine(Path.GetTempPath(), "justice-template-tests", Guid.NewGuid().ToString("N"));

    public TemplateFolderTests()
    {
        Directory.CreateDirectory(Path.Combine(_parent, "templates"));
        Directory.CreateDirectory(Path.Combine(_parent, "templates-secret"));
        File.WriteAllText(Path.Combine(_parent, "templates-secret", "leak.html"), "secret");
        File.WriteAllText(Path.Combine(_parent, "templates", "includer.html"), "{{ include '../templates-secret/leak' }}");
    }

    DocumentRenderer Renderer() => new(Options.Create(new DocumentOptions { TemplateFolder = Path.Combine(_parent, "templates") }));

    [Fact]
    public async Task Render_NameInASiblingFolderWithTheSamePrefix_IsRefused()
    {
        var error = await Assert.ThrowsAsync<DocumentTemplateException>(() => Renderer().RenderAsync("../templates-secret/leak", []));

        Assert.Contains("模板名称无效", error.Message);
    }

    [Fact]
    public async Task Render_IncludeOfASiblingFolderWithTheSamePrefix_IsRefused()
    {
        var error = await Assert.ThrowsAsync<DocumentTemplateException>(() => Renderer().RenderAsync("includer", new JsonObject()));

        Assert.Contains("模板目录之外", error.Message);
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);
}
