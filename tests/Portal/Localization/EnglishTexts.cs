using System.Xml.Linq;

namespace Justice.Portal.Tests.Localization;

/// <summary>The portal's words as the resource files hold them: <c>src/Portal/Localization/SharedResource(.en).resx</c>, keyed by the Chinese text.</summary>
public static class EnglishTexts
{
    static readonly Lazy<IReadOnlyDictionary<string, string>> English = new(() => Read("SharedResource.en.resx"));

    /// <summary>The portal's source folder, found from the test's binaries up to the solution.</summary>
    public static string SourceFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Justice.Workflow.sln")))
            folder = folder.Parent;
        return Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException("Justice.Workflow.sln"), "src", "Portal");
    }

    /// <summary>Whether the Chinese text has its English.</summary>
    public static bool Has(string chinese) => English.Value.TryGetValue(chinese, out var english) && english.Length > 0;

    /// <summary>The entries (Chinese → text) of one resource file of <c>src/Portal/Localization</c>.</summary>
    public static IReadOnlyDictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(SourceFolder(), "Localization", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
