using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Justice.Casework.Documents.Pdf;

namespace Justice.Workflows.Tests.Casework.Documents;

/// <summary>
/// Every golden document set as a PDF: its text, read back from the PDF by poppler's <c>pdftotext</c>, holds every
/// paragraph, line and cell of the HTML in the same order (white space aside); the fonts are embedded subsets.
/// </summary>
public sealed partial class PdfDocumentTests
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Casework", "Documents", "Templates");

    public static TheoryData<string> Goldens() => new(Directory.GetFiles(Folder, "*.expected.html", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')[..^".expected.html".Length]).Order(StringComparer.Ordinal));

    internal static PdfComposer Composer() => new(DocumentFonts.Install(new PdfFontOptions()));

    [Theory]
    [MemberData(nameof(Goldens))]
    public async Task Pdf_HoldsTheTextOfItsHtml_InOrder(string name)
    {
        var html = await File.ReadAllTextAsync(Path.Combine(Folder, $"{name}.expected.html"));
        var composed = Composer().Compose(html, name, null, new SealStamp("衡阳仲裁委员会", "电子签章", "2026-12-07 10:00"),
            new VerificationMark("https://sfj.hengyang.example/verify?number=X&h=0123ABCD", "扫描二维码查验本文书。", "验证码：0123ABCD"));
        var path = Path.Combine(Path.GetTempPath(), $"pdf-{Guid.NewGuid():N}.pdf");
        composed.Document.Save(path);
        try
        {
            if (Environment.GetEnvironmentVariable("KEEP_PDF") is { Length: > 0 } keep)
                File.Copy(path, Path.Combine(keep, name.Replace('/', '_') + ".pdf"), true);
            // In the order of the page contents; the folio of a page may fall inside a paragraph that runs on.
            var text = Folio().Replace(Squeeze(await Poppler("pdftotext", "-raw", "-enc", "UTF-8", path, "-")), "");
            var at = 0;
            foreach (var expected in LeafTexts(html))
            {
                var found = text.IndexOf(expected, at, StringComparison.Ordinal);
                Assert.True(found >= 0, $"{name}: 「{expected}」 not found in the PDF's text after position {at}:\n{text[at..Math.Min(text.Length, at + 400)]}");
                at = found + expected.Length;
            }
            var fonts = await Poppler("pdffonts", path);
            Assert.Contains("CID TrueType", fonts);
            Assert.DoesNotContain(" no  ", fonts.Split('\n').Skip(2).FirstOrDefault() ?? "");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The text of each element that holds text directly: paragraphs, list items, lines, cells.</summary>
    internal static IEnumerable<string> LeafTexts(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var sheet = document.QuerySelector(".sheet") ?? document.Body!;
        foreach (var e in sheet.QuerySelectorAll("*"))
        {
            if (e.LocalName is "style" or "svg" or "script" || e.Closest("svg") is not null || e.ClassList.Contains("seal") || e.ClassList.Contains("qr"))
                continue;
            if (e.Children.Any(c => c.LocalName is "p" or "div" or "li" or "tr" or "td" or "th" or "ol" or "table" or "tbody" or "thead"))
                continue;
            if (e.LocalName is "br" or "strong" or "b" or "span" || e.ParentElement?.LocalName is "p" or "li" or "td" or "th")
                continue;
            var clone = (IElement)e.Clone(true);
            foreach (var seal in clone.QuerySelectorAll(".seal,svg").ToList())
                seal.Remove();
            var text = Squeeze(clone.TextContent);
            if (text.Length > 0)
                yield return text;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("第[0-9]+页共[0-9]+页")]
    private static partial System.Text.RegularExpressions.Regex Folio();

    internal static string Squeeze(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    internal static async Task<string> Poppler(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
