using System.Globalization;
using PdfSharp.Drawing;

namespace Justice.Casework.Documents.Pdf;

abstract record DrawOp;
sealed record GlyphsOp(double X, double Baseline, string Text, string Face, double Size, XColor Color) : DrawOp;
sealed record LineOp(double X1, double Y1, double X2, double Y2, double Width, XColor Color) : DrawOp;
sealed record QrOp(double X, double Y, double Size, string Text) : DrawOp;

/// <summary>Where the seal is pressed: over the office's name and the date of the signature line.</summary>
sealed record SealPlace(int Page, double CenterX, double CenterY);

/// <summary>The document set in pages: what to draw on each, and where the seal goes.</summary>
sealed record TypesetDocument(IReadOnlyList<IReadOnlyList<DrawOp>> Pages, SealPlace? Seal);

/// <summary>
/// Sets page blocks on A4 pages with the margins of the print layout (37 mm top, 35 mm bottom, 28 mm left, 26 mm right):
/// Chinese line breaking (any character may end a line, except that closing punctuation never starts one — it hangs —
/// and opening punctuation never ends one), justified lines, per-character fallback to the Hei face for characters the
/// Song face lacks, rows of a form kept whole on a page.
/// </summary>
sealed class PageTypesetter(DocumentFonts fonts, XGraphics measure)
{
    public const double PageWidth = 595.28, PageHeight = 841.89;
    const double Mm = 72 / 25.4;
    public static readonly double Top = 37 * Mm, Bottom = PageHeight - 35 * Mm, Left = 28 * Mm, Right = PageWidth - 26 * Mm;
    static readonly double Width = Right - Left;
    static readonly XColor Black = XColors.Black;
    static readonly XColor Red = XColor.FromArgb(0xCC, 0, 0);

    const string NoLineStart = "，。、；：？！）》」』”’…%,.;:?!)]}·—～％";
    const string NoLineEnd = "（《「『“‘([{";

    readonly Dictionary<(string Face, double Size, string Text), double> _widths = [];
    readonly List<List<DrawOp>> _pages = [];
    List<DrawOp> _page = null!;
    double _y;
    SealPlace? _seal;

    public TypesetDocument Set(IEnumerable<PageBlock> blocks)
    {
        NewPage();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextBlock text: SetText(text); break;
                case RuleBlock: SetRule(); break;
                case TableBlock table: SetTable(table); break;
                case VerifyBlock verify: SetVerify(verify); break;
            }
        }
        return new TypesetDocument(_pages, _seal);
    }

    void NewPage()
    {
        _page = [];
        _pages.Add(_page);
        _y = Top;
    }

    void Space(double amount)
    {
        if (_y > Top)
            _y = Math.Min(_y + amount, Bottom);
    }

    void SetRule()
    {
        _page.Add(new LineOp(Left, _y + 1, Right, _y + 1, 2, Red));
        _y += 2 + 18;
    }

    void SetText(TextBlock block)
    {
        var style = block.Style;
        Space(style.Before);
        var lines = Break(block.Runs, style, Width - style.Padding);
        for (var i = 0; i < lines.Count; i++)
        {
            if (_y + style.LineHeight > Bottom)
                NewPage();
            var line = lines[i];
            Place(line, style, Left + style.Padding, Width - style.Padding, _y, i == 0);
            if (block.Seal && i == lines.Count - 1)
            {
                var right = Left + Width;
                _seal = new SealPlace(_pages.Count - 1, right - line.Width / 2, _y + style.LineHeight * 0.9);
            }
            _y += style.LineHeight;
        }
        _y += style.After;
    }

    void SetTable(TableBlock table)
    {
        var style = TextStyle.Cell;
        var labelWidth = Width * 0.3;
        const double padX = 6, padY = 4;
        _y += 6;
        foreach (var (label, value) in table.Rows)
        {
            var labelLines = Break(label, style, labelWidth - 2 * padX);
            var valueLines = Break(value, style, Width - labelWidth - 2 * padX);
            var height = Math.Max(1, Math.Max(labelLines.Count, valueLines.Count)) * style.LineHeight + 2 * padY;
            if (_y + height > Bottom)
                NewPage();
            for (var i = 0; i < labelLines.Count; i++)
                Place(labelLines[i], style, Left + padX, labelWidth - 2 * padX, _y + padY + i * style.LineHeight, false);
            for (var i = 0; i < valueLines.Count; i++)
                Place(valueLines[i], style, Left + labelWidth + padX, Width - labelWidth - 2 * padX, _y + padY + i * style.LineHeight, false);
            _page.Add(new LineOp(Left, _y, Right, _y, 1, Black));
            _page.Add(new LineOp(Left, _y + height, Right, _y + height, 1, Black));
            _page.Add(new LineOp(Left, _y, Left, _y + height, 1, Black));
            _page.Add(new LineOp(Left + labelWidth, _y, Left + labelWidth, _y + height, 1, Black));
            _page.Add(new LineOp(Right, _y, Right, _y + height, 1, Black));
            _y += height;
        }
        _y += 6;
    }

    void SetVerify(VerifyBlock block)
    {
        const double qr = 28 * Mm, gap = 12;
        var style = TextStyle.Small;
        Space(18);
        var textWidth = Width - qr - gap;
        if (_seal is { } seal && seal.Page == _pages.Count - 1 && _y < seal.CenterY + SealDrawing.Radius + 14)
        {
            // Beside the seal when there is room on its left, else below the seal and its signing time.
            var beside = seal.CenterX - SealDrawing.Radius - 8 - (Left + qr + gap);
            if (beside >= 140)
                textWidth = beside;
            else
                _y = seal.CenterY + SealDrawing.Radius + 14;
        }
        var lines = Break(block.Runs, style, textWidth);
        var height = Math.Max(qr, lines.Count * style.LineHeight);
        if (_y + height > Bottom)
        {
            NewPage();
            textWidth = Width - qr - gap;
            lines = Break(block.Runs, style, textWidth);
            height = Math.Max(qr, lines.Count * style.LineHeight);
        }
        if (block.QrText.Length > 0)
            _page.Add(new QrOp(Left, _y, qr, block.QrText));
        var top = _y + (height - lines.Count * style.LineHeight) / 2;
        for (var i = 0; i < lines.Count; i++)
            Place(lines[i], style, Left + qr + gap, textWidth, top + i * style.LineHeight, false);
        _y += height;
    }

    /// <summary>Page i of N, centred under the text, on documents of more than one page.</summary>
    public static GlyphsOp Folio(int page, int pages, double width) =>
        new((PageWidth - width) / 2, Bottom + 40, Folio(page, pages), DocumentFonts.Song, 12, Black);

    public static string Folio(int page, int pages) =>
        string.Create(CultureInfo.InvariantCulture, $"第 {page} 页 共 {pages} 页");

    public double Measure(string text, string face, double size)
    {
        if (!_widths.TryGetValue((face, size, text), out var width))
            _widths[(face, size, text)] = width = measure.MeasureString(text, Font(face, size)).Width;
        return width;
    }

    static readonly Dictionary<(string, double), XFont> Fonts = [];

    public static XFont Font(string face, double size)
    {
        lock (Fonts)
        {
            if (!Fonts.TryGetValue((face, size), out var font))
                Fonts[(face, size)] = font = new XFont(face, size, XFontStyleEx.Regular, new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
            return font;
        }
    }

    /// <summary>A token of a line: one Chinese character, a word of Latin letters and digits, or a space.</summary>
    sealed record Token(string Text, string Face, double Size, double Width, XColor Color, bool IsSpace);

    sealed record Line(List<Token> Tokens, bool Last)
    {
        public double Width => Tokens.Sum(t => t.Width);
    }

    List<Line> Break(IReadOnlyList<TextRun> runs, TextStyle style, double width)
    {
        var lines = new List<Line>();
        var current = new List<Token>();
        double used = 0;
        var first = true;
        double Available() => width - (first ? style.Indent : 0);

        void Finish(bool last)
        {
            while (current.Count > 0 && current[^1].IsSpace)
                current.RemoveAt(current.Count - 1);
            lines.Add(new Line(current, last));
            current = [];
            used = 0;
            first = false;
        }

        foreach (var token in Tokens(runs, style))
        {
            if (token is null)
            {
                Finish(true);
                continue;
            }
            if (token.IsSpace && current.Count == 0)
                continue;
            if (used + token.Width > Available() + 0.01 && current.Count > 0)
            {
                if (token.Text.Length == 1 && NoLineStart.Contains(token.Text[0]))
                {
                    // Closing punctuation hangs at the end of the line rather than start the next.
                    current.Add(token);
                    used += token.Width;
                    continue;
                }
                var carried = new List<Token>();
                while (current.Count > 1 && current[^1].Text.Length == 1 && NoLineEnd.Contains(current[^1].Text[0]))
                {
                    carried.Insert(0, current[^1]);
                    current.RemoveAt(current.Count - 1);
                }
                Finish(false);
                foreach (var c in carried)
                {
                    current.Add(c);
                    used += c.Width;
                }
                if (token.IsSpace)
                    continue;
            }
            current.Add(token);
            used += token.Width;
        }
        if (current.Count > 0 || lines.Count == 0)
            Finish(true);
        else if (lines.Count > 0)
            lines[^1] = lines[^1] with { Last = true };
        return lines;
    }

    IEnumerable<Token?> Tokens(IReadOnlyList<TextRun> runs, TextStyle style)
    {
        var color = style.Color ?? Black;
        foreach (var run in runs)
        {
            var heavy = run.Strong || style.Heading;
            var text = run.Text;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    yield return null;
                    i++;
                    continue;
                }
                if (c == ' ')
                {
                    yield return new Token(" ", DocumentFonts.Song, style.Size, Measure(" ", DocumentFonts.Song, style.Size), color, true);
                    i++;
                    continue;
                }
                var start = i;
                if (IsWordChar(c))
                    while (i < text.Length && IsWordChar(text[i]))
                        i++;
                else
                    i += char.IsSurrogatePair(text, i) ? 2 : 1;
                var piece = text[start..i];
                foreach (var token in Pieces(piece, heavy, style, color))
                    yield return token;
            }
        }
    }

    /// <summary>A word too long for any line is split by characters; each piece in the face that has all its characters.</summary>
    IEnumerable<Token> Pieces(string piece, bool heavy, TextStyle style, XColor color)
    {
        var face = heavy || !CoversAll(DocumentFonts.Song, piece) ? DocumentFonts.Hei : DocumentFonts.Song;
        var width = Measure(piece, face, style.Size) + style.LetterSpacing * piece.Length;
        if (piece.Length > 1 && width > Width / 2)
        {
            foreach (var c in piece)
                foreach (var t in Pieces(c.ToString(), heavy, style, color))
                    yield return t;
            yield break;
        }
        yield return new Token(piece, face, style.Size, width, color, false);
    }

    bool CoversAll(string face, string text)
    {
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            if (!fonts.Covers(face, char.ConvertToUtf32(text, i)))
                return false;
        return true;
    }

    static bool IsWordChar(char c) => c < 0x2E80 && c != ' ' && !char.IsWhiteSpace(c) && !NoLineStart.Contains(c) && !NoLineEnd.Contains(c)
        || c is >= '\uFF10' and <= '\uFF19' || c is >= '\uFF21' and <= '\uFF3A' || c is >= '\uFF41' and <= '\uFF5A';

    void Place(Line line, TextStyle style, double left, double width, double top, bool firstLine)
    {
        var indent = firstLine ? style.Indent : 0;
        var available = width - indent;
        var natural = line.Width;
        var baseline = top + style.LineHeight / 2 + style.Size * 0.35;
        var x = style.Align switch
        {
            TextAlign.Center => left + (width - natural) / 2,
            TextAlign.Right => left + width - natural,
            _ => left + indent,
        };
        var gap = 0.0;
        if (style.Align == TextAlign.Justify && !line.Last && line.Tokens.Count > 1 && natural < available)
            gap = (available - natural) / (line.Tokens.Count - 1);
        if (gap == 0 && style.LetterSpacing == 0)
        {
            // One text object per run of the same face: cleaner text for copying and searching.
            var i = 0;
            while (i < line.Tokens.Count)
            {
                var t = line.Tokens[i];
                var text = new System.Text.StringBuilder(t.Text);
                var w = t.Width;
                var j = i + 1;
                while (j < line.Tokens.Count && line.Tokens[j].Face == t.Face && line.Tokens[j].Color == t.Color)
                {
                    text.Append(line.Tokens[j].Text);
                    w += line.Tokens[j].Width;
                    j++;
                }
                _page.Add(new GlyphsOp(x, baseline, text.ToString(), t.Face, t.Size, t.Color));
                x += w;
                i = j;
            }
            return;
        }
        foreach (var t in line.Tokens)
        {
            if (style.LetterSpacing > 0 && t.Text.Length > 1 && !t.IsSpace)
            {
                foreach (var c in t.Text)
                {
                    _page.Add(new GlyphsOp(x, baseline, c.ToString(), t.Face, t.Size, t.Color));
                    x += Measure(c.ToString(), t.Face, t.Size) + style.LetterSpacing;
                }
            }
            else
            {
                if (!t.IsSpace)
                    _page.Add(new GlyphsOp(x, baseline, t.Text, t.Face, t.Size, t.Color));
                x += t.Width;
            }
            x += gap;
        }
    }
}
