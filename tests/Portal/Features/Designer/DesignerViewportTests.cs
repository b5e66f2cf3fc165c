using Justice.Portal.Features.Designer;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>Pan and zoom arithmetic of the canvas.</summary>
public sealed class DesignerViewportTests
{
    [Fact]
    public void ZoomAt_KeepsThePointUnderThePointerWhereItIs()
    {
        var viewport = new DesignerViewport { Width = 800, Height = 600, X = 15, Y = -40 };
        var before = viewport.ToCanvas(300, 200);

        viewport.ZoomAt(1.5, 300, 200);

        Assert.Equal(1.5, viewport.Zoom, 6);
        var after = viewport.ToCanvas(300, 200);
        Assert.Equal(before.X, after.X, 6);
        Assert.Equal(before.Y, after.Y, 6);
    }

    [Fact]
    public void Zoom_StaysWithinItsLimits()
    {
        var viewport = new DesignerViewport();
        for (var i = 0; i < 50; i++)
            viewport.ZoomBy(1.5);
        Assert.Equal(DesignerViewport.MaxZoom, viewport.Zoom);
        for (var i = 0; i < 50; i++)
            viewport.ZoomBy(0.5);
        Assert.Equal(DesignerViewport.MinZoom, viewport.Zoom);
    }

    [Fact]
    public void Fit_ShowsTheWholeDrawingCentred_NeverAbove100Percent()
    {
        var viewport = new DesignerViewport { Width = 1000, Height = 600 };

        viewport.Fit((100, 50, 2100, 550));

        Assert.True(viewport.Zoom < 1);
        var (left, top) = (100 * viewport.Zoom + viewport.X, 50 * viewport.Zoom + viewport.Y);
        var (right, bottom) = (2100 * viewport.Zoom + viewport.X, 550 * viewport.Zoom + viewport.Y);
        Assert.True(left >= DesignerViewport.Margin - 0.01 && right <= 1000 - DesignerViewport.Margin + 0.01);
        Assert.Equal(600 - bottom, top, 6);

        viewport.Fit((0, 0, 200, 60));
        Assert.Equal(1, viewport.Zoom);
    }

    [Fact]
    public void Open_ALongProcess_StartsReadableAtItsLeftEnd()
    {
        var viewport = new DesignerViewport { Width = 1000, Height = 650 };

        viewport.Open((0, 0, 11900, 646));

        Assert.Equal(0.75, viewport.Zoom);
        Assert.Equal(DesignerViewport.Margin, viewport.X);
        Assert.True(viewport.Y >= 0, "the drawing fits the height and is centred");
    }

    [Fact]
    public void Reveal_ScrollsOnlyWhenTheActivityIsOutOfView()
    {
        var viewport = new DesignerViewport { Width = 800, Height = 600, X = 0, Y = 0 };
        viewport.Reveal(100, 100, 300, 160);
        Assert.Equal((0d, 0d), (viewport.X, viewport.Y));

        viewport.Reveal(3000, 100, 3200, 160);
        var (left, right) = (3000 * viewport.Zoom + viewport.X, 3200 * viewport.Zoom + viewport.X);
        Assert.True(left >= 0 && right <= 800);
    }
}
