using System.Text.RegularExpressions;
using Justice.Portal.Tests.Localization;
using Justice.Casework.Activities;
using Justice.Portal.Localization;
using Justice.Workflows.Activities;

namespace Justice.Portal.Tests.Features.Designer;

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
            missing.AddRange(words.OfType<string>().Where(w => Chinese().IsMatch(w) && !EnglishTexts.Has(w)).Select(w => $"{d.TypeName}: {w}"));
        }
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public void EveryChineseTextOfTheDesignerPages_HasItsEnglish()
    {
        var folder = Path.Combine(DesignerModelTests.Repository, "src", "Portal", "Features", "Designer");
        // The designer's components and their code-behind (DesignerPage.razor, DesignerPage.razor.cs, DesignerCanvas.Drawing.cs …), not its model.
        var components = Directory.GetFiles(folder, "*.razor").Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet();
        var files = Directory.GetFiles(folder).Where(f => (f.EndsWith(".razor") || f.EndsWith(".cs")) && components.Contains(Path.GetFileName(f).Split('.')[0])).ToList();
        Assert.True(files.Count >= 16, $"only {files.Count} files of the designer's pages found in {folder}");
        var missing = new List<string>();
        foreach (var file in files)
        {
            var text = RazorComment().Replace(File.ReadAllText(file), "");
            // Markup pairs its quotes with attributes, so there only the localizer's calls are read; C# (a .cs file, a @code block) is read whole.
            var code = file.EndsWith(".cs") ? text : text.Contains("@code") ? text[text.IndexOf("@code", StringComparison.Ordinal)..] : "";
            var markup = file.EndsWith(".cs") ? "" : text;
            code = string.Join('\n', code.Split('\n').Where(l => !l.TrimStart().StartsWith("//")));
            foreach (var m in Literal().Matches(code).Concat(Localized().Matches(markup)))
            {
                var word = m.Groups[1].Value;
                if (Chinese().IsMatch(word) && !EnglishTexts.Has(word))
                    missing.Add($"{Path.GetFileName(file)}: {word}");
            }
        }
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join("\n", missing.Distinct()));
    }
}
