namespace Justice.Portal.Features.Designer;

/// <summary>
/// Pan and zoom of the canvas: a canvas point p is drawn at <c>p × Zoom + (X, Y)</c> on the screen. Kept apart from
/// the definition (it is not saved) and from the browser (the arithmetic is tested here).
/// </summary>
public sealed class DesignerViewport
{
    public const double MinZoom = 0.1, MaxZoom = 2, Margin = 40;

    public double X { get; set; } = Margin;

    public double Y { get; set; } = Margin;

    public double Zoom { get; private set; } = 1;

    /// <summary>The size of the canvas on the screen, reported by the browser.</summary>
    public double Width { get; set; } = 900;

    public double Height { get; set; } = 600;

    public (double X, double Y) ToCanvas(double screenX, double screenY) => ((screenX - X) / Zoom, (screenY - Y) / Zoom);

    /// <summary>Zooms by <paramref name="factor"/> keeping the canvas point under (screenX, screenY) where it is.</summary>
    public void ZoomAt(double factor, double screenX, double screenY)
    {
        var (cx, cy) = ToCanvas(screenX, screenY);
        Zoom = Math.Clamp(Zoom * factor, MinZoom, MaxZoom);
        X = screenX - cx * Zoom;
        Y = screenY - cy * Zoom;
    }

    /// <summary>Zooms about the middle of the canvas (the toolbar's buttons).</summary>
    public void ZoomBy(double factor) => ZoomAt(factor, Width / 2, Height / 2);

    /// <summary>Shows the whole drawing, centred, at most at 100 %.</summary>
    public void Fit((double Left, double Top, double Right, double Bottom) bounds)
    {
        var (w, h) = (Math.Max(1, bounds.Right - bounds.Left), Math.Max(1, bounds.Bottom - bounds.Top));
        Zoom = Math.Clamp(Math.Min((Width - 2 * Margin) / w, (Height - 2 * Margin) / h), MinZoom, 1);
        X = (Width - w * Zoom) / 2 - bounds.Left * Zoom;
        Y = (Height - h * Zoom) / 2 - bounds.Top * Zoom;
    }

    /// <summary>
    /// The first view of a definition: the whole drawing when it is readable that way; otherwise the readable zoom
    /// (<paramref name="readable"/>) at its left end, where the process starts, centred vertically when it fits.
    /// </summary>
    public void Open((double Left, double Top, double Right, double Bottom) bounds, double readable = 0.75)
    {
        Fit(bounds);
        if (Zoom >= readable)
            return;
        var h = Math.Max(1, bounds.Bottom - bounds.Top);
        Zoom = readable;
        X = Margin - bounds.Left * Zoom;
        Y = h * Zoom <= Height - 2 * Margin ? (Height - h * Zoom) / 2 - bounds.Top * Zoom : Margin - bounds.Top * Zoom;
    }

    /// <summary>Scrolls so that a canvas rectangle is in view (an activity chosen from the problem list).</summary>
    public void Reveal(double left, double top, double right, double bottom)
    {
        var (sl, st) = (left * Zoom + X, top * Zoom + Y);
        var (sr, sb) = (right * Zoom + X, bottom * Zoom + Y);
        if (sl < Margin || sr > Width - Margin)
            X += Width / 2 - (sl + sr) / 2;
        if (st < Margin || sb > Height - Margin)
            Y += Height / 2 - (st + sb) / 2;
    }
}
