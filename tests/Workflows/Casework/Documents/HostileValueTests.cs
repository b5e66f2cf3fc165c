using System.Text.Json.Nodes;
using Justice.Casework.Documents;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Tests.Casework.Documents;

/// <summary>
/// Every document template rendered from its golden model with every text value replaced by markup a party could type:
/// the output shows the text, never runs or interprets it.
/// </summary>
public sealed class HostileValueTests
{
    const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'{{ 6 * 7 }}{% raw %}&amp;";

    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Casework", "Documents", "Templates");

    public static TheoryData<string> Templates() => new(Directory.GetFiles(Folder, "*.model.json", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')[..^".model.json".Length]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task EveryModelText_IsEscaped(string name)
    {
        var renderer = new DocumentRenderer(Options.Create(new DocumentOptions { TemplateFolder = Path.Combine(AppContext.BaseDirectory, "templates") }));
        var model = (JsonObject)Poison(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, $"{name}.model.json"))))!;

        var html = await renderer.RenderAsync(name.Split('~')[0], model);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"'", html);
        Assert.DoesNotContain("&amp;\"", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;{{ 6 * 7 }}{% raw %}&amp;amp;", html);
    }

    [Fact]
    public async Task SystemBuiltMarkup_StaysMarkup()
    {
        var renderer = new DocumentRenderer(Options.Create(new DocumentOptions { TemplateFolder = Path.Combine(AppContext.BaseDirectory, "templates") }));
        var model = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "notary/certificate.model.json")))!;

        var html = await renderer.RenderAsync("notary/certificate", model);

        Assert.Contains("<svg", html);
        Assert.Contains("<div class=\"verify\">", html);
        Assert.Contains("<div class=\"signature\">", html);
    }

    /// <summary>Every string of the model becomes the hostile text; numbers, dates' shape and flags stay.</summary>
    static JsonNode? Poison(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Poison(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Poison)]),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(Hostile),
        _ => node?.DeepClone(),
    };
}
