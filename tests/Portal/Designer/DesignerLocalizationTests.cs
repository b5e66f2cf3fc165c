using System.Text.RegularExpressions;
using Justice.Casework.Activities;
using Justice.Portal.Localization;
using Justice.Workflows.Activities;

namespace Justice.Portal.Tests.Designer;

/// <summary>The designer reads completely in English: its own words and the words the activities describe themselves with.</summary>
public sealed partial class DesignerLocalizationTests
{
    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Chinese();

    [GeneratedRegex("\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    /// <summary>Text given to the localizer in markup: <c>T["..."]</c> and <c>T.Format("...", ...)</c>.</summary>
    [GeneratedRegex("T(?:\\[|\\.Format\\()\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex Localized();

    [Fact]
    public void EveryWordOfTheActivitiesMetadata_HasItsEnglish()
    {
        var missing = new List<string>();
        foreach (var d in CaseworkActivities.CreateRegistry().Descriptors)
        {
            IEnumerable<string?> words = [d.Category, d.DisplayName, d.Description,
                .. d.Inputs.SelectMany(i => new[] { i.Info.DisplayName, i.Info.Description }),
                .. d.Outputs.SelectMany(o => new[] { o.Info.DisplayName, o.Info.Description })];
            missing.AddRange(words.OfType<string>().Where(w => Chinese().IsMatch(w) && !UiText.HasEnglish(w)).Select(w => $"{d.TypeName}: {w}"));
        }
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public void EveryChineseTextOfTheDesignerPages_HasItsEnglish()
    {
        var folder = Path.Combine(DesignerModelTests.Repository, "src", "Portal", "Components", "Pages", "Designer");
        var missing = new List<string>();
        foreach (var file in Directory.GetFiles(folder).Where(f => f.EndsWith(".razor") || f.EndsWith(".cs")))
        {
            var text = RazorComment().Replace(File.ReadAllText(file), "");
            // Markup pairs its quotes with attributes, so there only the localizer's calls are read; C# (a .cs file, a @code block) is read whole.
            var code = file.EndsWith(".cs") ? text : text.Contains("@code") ? text[text.IndexOf("@code", StringComparison.Ordinal)..] : "";
            var markup = file.EndsWith(".cs") ? "" : text;
            code = string.Join('\n', code.Split('\n').Where(l => !l.TrimStart().StartsWith("//")));
            foreach (var m in Literal().Matches(code).Concat(Localized().Matches(markup)))
            {
                var word = m.Groups[1].Value;
                if (Chinese().IsMatch(word) && !UiText.HasEnglish(word))
                    missing.Add($"{Path.GetFileName(file)}: {word}");
            }
        }
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join("\n", missing.Distinct()));
    }
}
