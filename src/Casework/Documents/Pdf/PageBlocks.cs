using PdfSharp.Drawing;

namespace Justice.Casework.Documents.Pdf;

/// <summary>A piece of text in one weight; <c>\n</c> is a forced line break.</summary>
sealed record TextRun(string Text, bool Strong = false);

enum TextAlign { Justify, Left, Center, Right }

/// <summary>How a block of text is set, after the print layout of the documents' stylesheet (<c>templates/_head.html</c>).</summary>
sealed record TextStyle(double Size = 16, double LineHeight = 28, TextAlign Align = TextAlign.Justify, double Indent = 0, double Padding = 0,
    double Before = 0, double After = 0, bool Heading = false, double LetterSpacing = 0, XColor? Color = null)
{
    public static readonly TextStyle Body = new(Indent: 32);
    public static readonly TextStyle Flush = new();
    public static readonly TextStyle Issuer = new(Size: 26, LineHeight: 36, Align: TextAlign.Center, Heading: true, LetterSpacing: 2, After: 8, Color: XColor.FromArgb(0xCC, 0, 0));
    public static readonly TextStyle Title = new(Size: 22, LineHeight: 32, Align: TextAlign.Center, Heading: true, LetterSpacing: 4, Before: 12, After: 6);
    public static readonly TextStyle Number = new(Align: TextAlign.Right, After: 12);
    public static readonly TextStyle Item = new(Padding: 64);
    public static readonly TextStyle Signature = new(Align: TextAlign.Right, Before: 36);
    public static readonly TextStyle Date = new(Align: TextAlign.Right, Before: 6);
    public static readonly TextStyle Note = new(Size: 12, LineHeight: 20, Before: 18);
    public static readonly TextStyle Small = new(Size: 10.5, LineHeight: 16, Align: TextAlign.Left);
    public static readonly TextStyle Cell = new(Size: 16, LineHeight: 24, Align: TextAlign.Left);
}

abstract record PageBlock;

/// <summary>A paragraph; <see cref="Seal"/> marks the issuing office's signature line, where the seal is pressed.</summary>
sealed record TextBlock(IReadOnlyList<TextRun> Runs, TextStyle Style, bool Seal = false) : PageBlock;

/// <summary>The red rule under the letterhead.</summary>
sealed record RuleBlock : PageBlock;

/// <summary>The verification block: the QR code (its text) beside a short explanation.</summary>
sealed record VerifyBlock(string QrText, IReadOnlyList<TextRun> Runs) : PageBlock;

/// <summary>A two-column form (a service receipt): label, value.</summary>
sealed record TableBlock(IReadOnlyList<(IReadOnlyList<TextRun> Label, IReadOnlyList<TextRun> Value)> Rows) : PageBlock;
