using System.Text.RegularExpressions;
using Justice.Portal.Localization;

namespace Justice.Portal.Tests.Localization;

/// <summary>Every Chinese text a page or component passes through <see cref="UiText"/> has its English.</summary>
public sealed partial class TranslationTests
{
    [GeneratedRegex("""T(?:\.Format\(|\[)\s*"((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex TextUse();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    static string SourceFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Justice.Workflow.sln")))
            folder = folder.Parent;
        return Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException("Justice.Workflow.sln"), "src", "Portal");
    }

    [Fact]
    public void EveryChineseText_OfEveryPage_HasItsEnglish()
    {
        var files = Directory.EnumerateFiles(SourceFolder(), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor") || f.EndsWith(".cs")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        var missing = new List<string>();
        var seen = 0;
        foreach (var file in files)
        {
            foreach (Match match in TextUse().Matches(File.ReadAllText(file)))
            {
                var text = Regex.Unescape(match.Groups[1].Value);
                if (!Chinese().IsMatch(text))
                    continue;
                seen++;
                if (!UiText.HasEnglish(text))
                    missing.Add($"{Path.GetFileName(file)}: {text}");
            }
        }
        Assert.True(seen > 300, $"only {seen} texts found: the pattern no longer matches how pages use UiText");
        Assert.True(missing.Count == 0, "没有英文的界面文字：\n" + string.Join("\n", missing.Distinct()));
    }
}
