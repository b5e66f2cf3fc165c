using Justice.Portal.Features.Designer;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>The left-to-right layout for definitions saved without positions.</summary>
public sealed class FlowLayoutTests
{
    static FlowLayout.Box Box(string id, double height = 60) => new(id, 200, height);

    [Fact]
    public void Chain_IsOneRow_LeftToRight()
    {
        var layout = FlowLayout.Arrange([Box("c"), Box("a"), Box("b")], [("a", "b"), ("b", "c")]);

        Assert.True(layout["a"].X < layout["b"].X && layout["b"].X < layout["c"].X);
        Assert.Equal(layout["a"].Y, layout["c"].Y);
        Assert.Equal(200 + FlowLayout.ColumnGap, layout["b"].X - layout["a"].X);
    }

    [Fact]
    public void Branches_ShareAColumn_WithoutOverlapping_AndJoinAfterBoth()
    {
        var layout = FlowLayout.Arrange([Box("start"), Box("task", 110), Box("yes"), Box("no"), Box("end")],
            [("start", "task"), ("task", "yes"), ("task", "no"), ("yes", "end"), ("no", "end")]);

        Assert.Equal(layout["yes"].X, layout["no"].X);
        Assert.True(Math.Abs(layout["yes"].Y - layout["no"].Y) >= 60 + FlowLayout.RowGap);
        Assert.True(layout["end"].X > layout["yes"].X);
        Assert.True(layout.Values.All(p => p.Y >= 0));
    }

    [Fact]
    public void Loop_DoesNotPushItsTargetRight()
    {
        var layout = FlowLayout.Arrange([Box("start"), Box("review"), Box("fix"), Box("end")],
            [("start", "review"), ("review", "fix"), ("fix", "review"), ("review", "end")]);

        Assert.True(layout["start"].X < layout["review"].X);
        Assert.True(layout["review"].X < layout["fix"].X);
        Assert.Equal(layout["fix"].X, layout["end"].X);
    }

    [Fact]
    public void ALongProcess_IsLaidOutWithoutRecursionLimits()
    {
        var boxes = Enumerable.Range(0, 3000).Select(i => Box($"a{i}")).ToList();
        var links = Enumerable.Range(0, 2999).Select(i => ($"a{i}", $"a{i + 1}"));

        var layout = FlowLayout.Arrange(boxes, links);

        Assert.Equal(2999 * (200 + FlowLayout.ColumnGap), layout["a2999"].X);
    }
}
