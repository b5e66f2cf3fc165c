using System.Text.Json.Nodes;
using Justice.Workflows.Activities;
using Justice.Workflows.Runtime.Model;

namespace Justice.Portal.Features.Designer;

/// <summary>An activity as the canvas draws it: where it is, how big, and the outcome ports connections may leave from.</summary>
public sealed record DesignerNode(
    string Id,
    string Type,
    string Name,
    ActivityDescriptor? Descriptor,
    double X,
    double Y,
    double Width,
    double Height,
    IReadOnlyList<string> Ports,
    JsonObject Json)
{
    /// <summary>The type's display name from the activity's metadata, or the type name when the type is unknown.</summary>
    public string TypeDisplayName => Descriptor?.DisplayName ?? Type;

    public string Category => Descriptor?.Category ?? "未知";

    public bool IsKnownType => Descriptor is not null;

    public double Right => X + Width;

    public double Bottom => Y + Height;

    /// <summary>Where connections leave from <paramref name="port"/>: on the right edge, one row per port.</summary>
    public (double X, double Y) PortPoint(string port)
    {
        var index = Ports is [_] ? 0 : Math.Max(0, Ports.ToList().IndexOf(port));
        return (Right, Y + NodeGeometry.PortOffset(Ports.Count, index, Height));
    }

    /// <summary>Where connections arrive: the middle of the left edge, just outside its port's circle.</summary>
    public (double X, double Y) InPoint => (X - 5, Y + Height / 2);
}

/// <summary>A connection of the flowchart, by its index in <c>connections[]</c>.</summary>
public sealed record DesignerEdge(int Index, string Source, string Port, string Target);

/// <summary>Sizes of drawn activities: a header with the name and the type, then one row per outcome port when there are several.</summary>
public static class NodeGeometry
{
    public const double DefaultWidth = 200, DefaultHeight = 60, HeaderHeight = 40, PortRowHeight = 16, BottomPadding = 6, SlotRowHeight = 22;

    /// <summary>The height an activity needs to show its ports; at least <see cref="DefaultHeight"/>.</summary>
    public static double HeightFor(int ports) =>
        ports <= 1 ? DefaultHeight : Math.Max(DefaultHeight, HeaderHeight + ports * PortRowHeight + BottomPadding);

    /// <summary>The height of a structured activity: its ports, then one row per slot (循环体, 则, 否则 …) below them.</summary>
    public static double HeightFor(int ports, int slots) => slots == 0 ? HeightFor(ports) : SlotsTop(ports) + slots * SlotRowHeight + BottomPadding;

    /// <summary>Where the rows of a structured activity's slots begin.</summary>
    public static double SlotsTop(int ports) => HeightFor(ports) - BottomPadding;

    /// <summary>The vertical offset of port <paramref name="index"/> of <paramref name="count"/> in a node of <paramref name="height"/>.</summary>
    public static double PortOffset(int count, int index, double height) =>
        count <= 1 ? height / 2 : HeaderHeight + index * PortRowHeight + PortRowHeight / 2;
}
