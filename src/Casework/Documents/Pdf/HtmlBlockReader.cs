using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Justice.Casework.Documents.Pdf;

/// <summary>
/// Reads an issued document's HTML (the small vocabulary of <c>templates/</c>: letterhead, title, number, paragraphs,
/// numbered items, signature lines, a two-column form, the verification block) into page blocks. The text is the
/// document's text: nothing is added but the list numbers a browser shows, nothing dropped but the seal placeholder.
/// </summary>
static partial class HtmlBlockReader
{
    public static IReadOnlyList<PageBlock> Read(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var sheet = document.QuerySelector(".sheet") ?? document.Body!;
        var blocks = new List<PageBlock>();
        foreach (var element in sheet.Children)
            Read(element, blocks);
        return blocks;
    }

    static void Read(IElement element, List<PageBlock> blocks)
    {
        switch (element.LocalName)
        {
            case "style" or "script":
                return;
            case "hr":
                blocks.Add(new RuleBlock());
                return;
            case "h1" or "h2" or "h3":
                blocks.Add(new TextBlock(Runs(element), TextStyle.Title));
                return;
            case "ol" or "ul":
                var index = 0;
                foreach (var item in element.Children.Where(c => c.LocalName == "li"))
                {
                    var runs = Runs(item).ToList();
                    if (element.LocalName == "ol")
                        runs.Insert(0, new TextRun($"{++index}. "));
                    blocks.Add(new TextBlock(runs, TextStyle.Item));
                }
                return;
            case "table":
                blocks.Add(new TableBlock(element.QuerySelectorAll("tr")
                    .Select(tr => tr.Children.Where(c => c.LocalName is "th" or "td").ToList())
                    .Where(cells => cells.Count > 0)
                    .Select(cells => ((IReadOnlyList<TextRun>)Runs(cells[0]), cells.Count > 1 ? (IReadOnlyList<TextRun>)Runs(cells[1]) : []))
                    .ToList()));
                return;
        }
        if (element.ClassList.Contains("verify"))
        {
            var qr = element.QuerySelector("[data-qr]")?.GetAttribute("data-qr") ?? "";
            var text = element.Children.LastOrDefault(c => !c.ClassList.Contains("qr"));
            blocks.Add(new VerifyBlock(qr, text is null ? [] : Runs(text)));
            return;
        }
        if (element.LocalName == "div" && element.Children.Any(c => c.LocalName is "p" or "div" or "table" or "ol"))
        {
            foreach (var child in element.Children)
                Read(child, blocks);
            return;
        }
        var seal = element.QuerySelector(".seal") is not null;
        var style = element.ClassName switch
        {
            { } c when c.Contains("issuer") => TextStyle.Issuer,
            { } c when c.Contains("number") => TextStyle.Number,
            { } c when c.Contains("signature") => TextStyle.Signature,
            { } c when c.Contains("date") => TextStyle.Date,
            { } c when c.Contains("note") => TextStyle.Note,
            { } c when c.Contains("flush") || c.Contains("party") => TextStyle.Flush,
            _ => element.LocalName == "p" ? TextStyle.Body : TextStyle.Flush,
        };
        blocks.Add(new TextBlock(Runs(element), style, seal));
    }

    /// <summary>The element's text as runs: whitespace collapsed as a browser does, <c>br</c> as a line break, <c>strong</c> as heavy.</summary>
    static List<TextRun> Runs(IElement element)
    {
        var runs = new List<TextRun>();
        Collect(element, false, runs);
        // Collapse white space as HTML does, and trim it at the start and end of each line.
        var merged = new List<TextRun>();
        foreach (var run in runs)
        {
            var text = Spaces().Replace(run.Text, " ");
            if (merged.Count > 0 && merged[^1].Strong == run.Strong)
                merged[^1] = merged[^1] with { Text = merged[^1].Text + text };
            else
                merged.Add(run with { Text = text });
        }
        for (var i = 0; i < merged.Count; i++)
            merged[i] = merged[i] with { Text = Regex.Replace(merged[i].Text, " ?\u2028 ?", "\n") };
        if (merged.Count > 0)
        {
            merged[0] = merged[0] with { Text = merged[0].Text.TrimStart(' ') };
            merged[^1] = merged[^1] with { Text = merged[^1].Text.TrimEnd(' ', '\n') };
        }
        return merged.Where(r => r.Text.Length > 0).ToList();
    }

    static void Collect(INode node, bool strong, List<TextRun> runs)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    runs.Add(new TextRun(text.Data, strong));
                    break;
                case IElement { LocalName: "br" }:
                    runs.Add(new TextRun("\u2028", strong));
                    break;
                case IElement e when e.ClassList.Contains("seal") || e.LocalName is "style" or "script" or "svg":
                    break;
                case IElement e:
                    Collect(e, strong || e.LocalName is "strong" or "b", runs);
                    break;
            }
        }
    }

    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex Spaces();
}
