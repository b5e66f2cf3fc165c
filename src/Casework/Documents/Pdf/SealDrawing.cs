using PdfSharp.Drawing;

namespace Justice.Casework.Documents.Pdf;

/// <summary>
/// The round red seal of an office, drawn as vectors from its name: the ring, the five-pointed star in the middle and
/// the name along the upper arc, read clockwise from the left; under the star, the words of the seal's use
/// (e.g. 电子签章) and, under the ring, the signing time.
/// </summary>
static class SealDrawing
{
    public const double Radius = 21 * 72 / 25.4; // a seal of 42 mm
    static readonly XColor Red = XColor.FromArgb(0xE0, 0x10, 0x10);

    public static void Draw(XGraphics gfx, double cx, double cy, string office, string use, string time)
    {
        var red = new XSolidBrush(Red);
        var r = Radius;
        gfx.DrawEllipse(new XPen(Red, 2.8), cx - r, cy - r, 2 * r, 2 * r);

        // The star.
        var star = new XPoint[10];
        var outer = r * 0.3;
        var inner = outer * 0.382;
        for (var i = 0; i < 10; i++)
        {
            var angle = -Math.PI / 2 + i * Math.PI / 5;
            var radius = i % 2 == 0 ? outer : inner;
            star[i] = new XPoint(cx + radius * Math.Cos(angle), cy + radius * Math.Sin(angle));
        }
        gfx.DrawPolygon(red, star, XFillMode.Winding);

        // The name along the arc, each character upright towards the centre.
        var name = office.Trim();
        if (name.Length > 0)
        {
            var sweep = Math.Clamp(name.Length * 32, 120, 250) * Math.PI / 180;
            var textRadius = r * 0.74;
            var size = Math.Min(r * 0.3, textRadius * sweep / name.Length * 0.9);
            var font = PageTypesetter.Font(DocumentFonts.Hei, size);
            textRadius = r - 4 - size * 0.62;
            for (var i = 0; i < name.Length; i++)
            {
                var angle = name.Length == 1 ? 0 : -sweep / 2 + sweep * i / (name.Length - 1);
                var state = gfx.Save();
                gfx.TranslateTransform(cx, cy);
                gfx.RotateTransform(angle * 180 / Math.PI);
                gfx.DrawString(name[i].ToString(), font, red, new XPoint(0, -textRadius), XStringFormats.Center);
                gfx.Restore(state);
            }
        }
        if (use.Length > 0)
        {
            var font = PageTypesetter.Font(DocumentFonts.Hei, Math.Min(r * 0.2, r * 1.1 / use.Length));
            gfx.DrawString(use, font, red, new XPoint(cx, cy + r * 0.52), XStringFormats.Center);
        }
        if (time.Length > 0)
            gfx.DrawString(time, PageTypesetter.Font(DocumentFonts.Song, 8), red, new XPoint(cx, cy + r + 9), XStringFormats.Center);
    }
}
