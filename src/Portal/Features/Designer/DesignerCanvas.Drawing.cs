using System.Globalization;
using Justice.Portal.Localization;
using Microsoft.Extensions.Localization;

namespace Justice.Portal.Features.Designer;

/// <summary>How the canvas draws: connection paths (loops through a free lane), labels fitted to their box, colours per category.</summary>
public sealed partial class DesignerCanvas
{
    static string Px(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    string EdgePath(DesignerNode source, string port, DesignerNode target)
    {
        var (sx, sy) = source.PortPoint(port);
        var (tx, ty) = target.InPoint;
        if (tx > sx + 20)
            return Curve(sx, sy, tx, ty);
        // Backwards (a loop): out to the right, along above or below the activities in between, back in from the left.
        var lane = LoopLane(sx + 16, tx - 16, Math.Min(source.Y, target.Y), Math.Max(source.Bottom, target.Bottom));
        return $"M {Px(sx)} {Px(sy)} L {Px(sx + 16)} {Px(sy)} L {Px(sx + 16)} {Px(lane)} L {Px(tx - 16)} {Px(lane)} L {Px(tx - 16)} {Px(ty)} L {Px(tx)} {Px(ty)}";
    }

    /// <summary>The height at which a loop runs back: the nearer of a free lane above and one below, crossing no activity on the way.</summary>
    double LoopLane(double right, double left, double top, double bottom)
    {
        var inSpan = placed.Values.Where(n => n.Right >= Math.Min(left, right) && n.X <= Math.Max(left, right)).ToList();
        double below = bottom + 24, above = top - 24;
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var n in inSpan.Where(n => below >= n.Y - 12 && below <= n.Bottom + 12))
            {
                below = n.Bottom + 24;
                moved = true;
            }
        }
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var n in inSpan.Where(n => above >= n.Y - 12 && above <= n.Bottom + 12))
            {
                above = n.Y - 24;
                moved = true;
            }
        }
        return below - bottom <= top - above ? below : above;
    }

    static string Curve(double sx, double sy, double tx, double ty)
    {
        var dx = Math.Max(40, Math.Abs(tx - sx) / 2);
        return $"M {Px(sx)} {Px(sy)} C {Px(sx + dx)} {Px(sy)}, {Px(tx - dx)} {Px(ty)}, {Px(tx)} {Px(ty)}";
    }

    /// <summary>Port names as users read them: the engine's standard outcomes in the page's language, others as written.</summary>
    public static string PortLabel(IStringLocalizer<SharedResource> t, string port) => port switch
    {
        "Done" => t["完成"],
        "True" => t["是"],
        "False" => t["否"],
        "Default" => t["默认"],
        "Overdue" => t["逾期"],
        _ => port,
    };

    /// <summary>A slot's name as users read it: 循环体, 则, 否则, 分支 n, 第 n 步, 情形“label”, 默认.</summary>
    public static string SlotLabel(IStringLocalizer<SharedResource> t, DesignerSlot slot) => slot.Kind switch
    {
        SlotKind.Body => t["循环体"],
        SlotKind.Then => t["则"],
        SlotKind.Else => t["否则"],
        SlotKind.Branch => t.Format("分支 {0}", slot.Number),
        SlotKind.Step => t.Format("第 {0} 步", slot.Number),
        SlotKind.Case => t.Format("情形“{0}”", slot.Label ?? ""),
        _ => t["默认"],
    };

    /// <summary>What a slot holds, in a few words: empty, a flowchart with its number of activities, or the activity's name and type.</summary>
    public static string SlotContent(IStringLocalizer<SharedResource> t, DesignerModel model, DesignerSlot slot)
    {
        if (slot.Child is not { } child)
            return t["空"];
        if (slot.HoldsFlowchart)
            return t.Format("流程图：{0} 个活动", (child["activities"] as System.Text.Json.Nodes.JsonArray)?.Count ?? 0);
        var descriptor = model.DescriptorOf(DesignerModel.Text(child["type"]) ?? "");
        // Unnamed, an activity is called by its type: in the page's language.
        string name = t[DesignerModel.DisplayNameOf(child, descriptor)];
        return descriptor is null || name == t[descriptor.DisplayName] ? name : $"{name} · {t[descriptor.DisplayName]}";
    }

    /// <summary>Shortens text to about <paramref name="width"/> pixels (CJK characters count as one em, Latin as about half).</summary>
    static string Fit(string text, double width, double fontSize)
    {
        double used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            used += (text[i] > 0x2E7F ? 1.0 : 0.58) * fontSize;
            if (used > width)
                return text[..Math.Max(0, i - 1)] + "…";
        }
        return text;
    }

    /// <summary>A colour per category, stable for categories added later.</summary>
    static string CategoryColor(string category)
    {
        string[] palette = ["#2563eb", "#b45309", "#7c3aed", "#0f766e", "#be123c", "#0369a1", "#4d7c0f", "#a16207", "#475569", "#9d174d", "#8a1c1c", "#15803d"];
        var hash = 0;
        foreach (var c in category)
            hash = unchecked(hash * 31 + c);
        return palette[(int)((uint)hash % palette.Length)];
    }
}
