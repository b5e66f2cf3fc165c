using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Justice.Casework.Documents.Pdf;

/// <summary>What the seal says and where the signature field goes on the page (in PDF user space, origin bottom-left).</summary>
public sealed record SealStamp(string Office, string Use, string Time);

/// <summary>
/// The verification block of the PDF: the QR code's address (with the document's number and short hash) and, for a
/// document whose HTML has no verification block, the line printed beside it.
/// </summary>
public sealed record VerificationMark(string QrText, string Line, string Code);

/// <summary>
/// Turns an issued document's HTML into an A4 PDF: the same text, set in embedded subsets of the document fonts, the
/// folio 「第 i 页 共 N 页」 on documents of more than one page, the QR code as vector squares and — when a stamp is
/// given — the office's seal over the signature line. Pure .NET, no external program.
/// </summary>
public sealed class PdfComposer(DocumentFonts fonts)
{
    /// <summary>The composed document, still open: the signer adds its field before saving.</summary>
    public sealed record Composed(PdfDocument Document, int SealPage, XRect SealRect);

    /// <summary>The issuing office: the letterhead of the document.</summary>
    public static string? IssuerOf(string html) =>
        HtmlBlockReader.Read(html).OfType<TextBlock>().FirstOrDefault(b => b.Style == TextStyle.Issuer) is { } issuer
            ? string.Concat(issuer.Runs.Select(r => r.Text)).Trim() : null;

    public Composed Compose(string html, string title, string? subject, SealStamp? stamp, VerificationMark? mark = null)
    {
        var blocks = HtmlBlockReader.Read(html).ToList();
        if (mark is not null)
        {
            var at = blocks.FindIndex(b => b is VerifyBlock);
            if (at >= 0)
            {
                var verify = (VerifyBlock)blocks[at];
                blocks[at] = verify with { QrText = mark.QrText, Runs = [.. verify.Runs, new TextRun("\n" + mark.Code)] };
            }
            else
                blocks.Add(new VerifyBlock(mark.QrText, [new TextRun(mark.Line)]));
        }
        TypesetDocument set;
        using (var measure = XGraphics.CreateMeasureContext(new XSize(PageTypesetter.PageWidth, PageTypesetter.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards))
            set = new PageTypesetter(fonts, measure).Set(blocks);

        var document = new PdfDocument();
        document.Info.Title = title;
        if (subject is not null)
            document.Info.Subject = subject;
        document.Info.Creator = "Justice.Workflow";
        document.Options.CompressContentStreams = true;
        var sealRect = new XRect(0, 0, 0, 0);
        var sealPage = 0;
        for (var p = 0; p < set.Pages.Count; p++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageTypesetter.PageWidth);
            page.Height = XUnit.FromPoint(PageTypesetter.PageHeight);
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var op in set.Pages[p])
                Draw(gfx, op);
            if (set.Pages.Count > 1)
            {
                var folio = PageTypesetter.Folio(p + 1, set.Pages.Count);
                var font = PageTypesetter.Font(DocumentFonts.Song, 12);
                var width = gfx.MeasureString(folio, font).Width;
                Draw(gfx, PageTypesetter.Folio(p + 1, set.Pages.Count, width));
            }
            if (stamp is not null && set.Seal is { } seal && seal.Page == p)
            {
                SealDrawing.Draw(gfx, seal.CenterX, seal.CenterY, stamp.Office, stamp.Use, stamp.Time);
                var r = SealDrawing.Radius;
                sealPage = p;
                sealRect = new XRect(seal.CenterX - r, PageTypesetter.PageHeight - (seal.CenterY + r), 2 * r, 2 * r);
            }
        }
        return new Composed(document, sealPage, sealRect);
    }

    static void Draw(XGraphics gfx, DrawOp op)
    {
        switch (op)
        {
            case GlyphsOp g:
                gfx.DrawString(g.Text, PageTypesetter.Font(g.Face, g.Size), new XSolidBrush(g.Color), g.X, g.Baseline, XStringFormats.BaseLineLeft);
                break;
            case LineOp l:
                gfx.DrawLine(new XPen(l.Color, l.Width), l.X1, l.Y1, l.X2, l.Y2);
                break;
            case QrOp q:
                DrawQr(gfx, q);
                break;
        }
    }

    static void DrawQr(XGraphics gfx, QrOp q)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(q.Text, QRCoder.QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var n = matrix.Count;
        var module = q.Size / n;
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                if (matrix[y][x])
                    gfx.DrawRectangle(XBrushes.Black, q.X + x * module, q.Y + y * module, module + 0.05, module + 0.05);
    }
}
