using System.Text.RegularExpressions;
using System.Globalization;
using Justice.Portal.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Justice.Portal.Tests.Localization;

/// <summary>Every Chinese text a page or component passes to the localizer (<c>T["…"]</c>) has its English in <c>SharedResource.en.resx</c>.</summary>
public sealed partial class TranslationTests
{
    [GeneratedRegex("""T(?:\.Format\(|\[)\s*"((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex TextUse();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [Fact]
    public void EveryChineseText_OfEveryPage_HasItsEnglish()
    {
        var files = Directory.EnumerateFiles(EnglishTexts.SourceFolder(), "*.*", SearchOption.AllDirectories)
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
                if (!EnglishTexts.Has(text))
                    missing.Add($"{Path.GetFileName(file)}: {text}");
            }
        }
        Assert.True(seen > 300, $"only {seen} texts found: the pattern no longer matches how pages use the localizer");
        Assert.True(missing.Count == 0, "没有英文的界面文字：\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public void TheChineseAndTheEnglishResources_HoldTheSameTexts()
    {
        var chinese = EnglishTexts.Read("SharedResource.resx");
        var english = EnglishTexts.Read("SharedResource.en.resx");
        Assert.True(chinese.Count > 900, $"only {chinese.Count} texts in SharedResource.resx");
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.All(chinese, entry => Assert.Equal(entry.Key, entry.Value));
    }

    [Theory]
    [InlineData("zh-CN", "我的待办")]
    [InlineData("en", "My tasks")]
    public void TheLocalizer_AnswersInTheCultureOfTheRequest(string culture, string expected)
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        var T = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Equal(expected, T["我的待办"]);
            Assert.Equal(culture == "en" ? "Remove a.pdf" : "移除 a.pdf", T.Format("移除 {0}", "a.pdf"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
