using System.Globalization;
using Bunit;
using Justice.Portal.Components.Shared;
using Justice.Portal.Localization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Justice.Portal.Tests.Components;

/// <summary>The deadline chip: the remaining time in the law's unit, amber at three or fewer, red when overdue, paused with its reason.</summary>
public sealed class DeadlineChipTests
{
    static BunitContext Create()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    [Theory]
    [InlineData(10, "workingDays", "ample", "剩余 10 个工作日")]
    [InlineData(3, "workingDays", "soon", "剩余 3 个工作日")]
    [InlineData(2, "days", "soon", "剩余 2 日")]
    [InlineData(0, "days", "soon", "今日届满")]
    [InlineData(-2, "workingDays", "overdue", "逾期 2 个工作日")]
    [InlineData(-5, "days", "overdue", "逾期 5 日")]
    public async Task ShowsWhatIsLeft_InTheUnitTheLawCounts(int remaining, string unit, string state, string text)
    {
        await using var context = Create();
        var chip = context.Render<DeadlineChip>(p => p
            .Add(c => c.DueOn, new DateOnly(2026, 12, 4))
            .Add(c => c.Remaining, remaining)
            .Add(c => c.Unit, unit));

        var element = chip.Find("[data-deadline]");
        Assert.Equal(state, element.GetAttribute("data-deadline"));
        Assert.Equal(text, element.TextContent.Trim());
        Assert.Contains("2026年12月4日", element.GetAttribute("title"));
        var color = state switch { "overdue" => "mud-chip-color-error", "soon" => "mud-chip-color-warning", _ => "mud-chip-color-default" };
        Assert.Contains(color, element.ClassList);
    }

    [Fact]
    public async Task PausedPeriod_SaysWhy()
    {
        await using var context = Create();
        var chip = context.Render<DeadlineChip>(p => p
            .Add(c => c.DueOn, new DateOnly(2026, 12, 4))
            .Add(c => c.Remaining, 5)
            .Add(c => c.Unit, "workingDays")
            .Add(c => c.Paused, true)
            .Add(c => c.PauseReason, "司法鉴定"));

        Assert.Equal("paused", chip.Find("[data-deadline]").GetAttribute("data-deadline"));
        Assert.Equal("已中止：司法鉴定", chip.Find("[data-deadline]").TextContent.Trim());
    }

    [Fact]
    public async Task ProvisionalDeadline_SaysSoAndWhy()
    {
        await using var context = Create();
        var chip = context.Render<DeadlineChip>(p => p
            .Add(c => c.DueOn, new DateOnly(2027, 1, 4))
            .Add(c => c.Remaining, 10)
            .Add(c => c.Unit, "days")
            .Add(c => c.Provisional, true));

        var element = chip.Find("[data-deadline]");
        Assert.Equal("true", element.GetAttribute("data-provisional"));
        Assert.Equal("剩余 10 日（暂定）", element.TextContent.Trim());
        Assert.Contains("尚未公布", element.GetAttribute("title"));
    }

    [Fact]
    public async Task WithoutDeadline_SaysSo()
    {
        await using var context = Create();
        var chip = context.Render<DeadlineChip>();
        Assert.Equal("无期限", chip.Find("[data-deadline=none]").TextContent.Trim());
    }

    [Fact]
    public async Task InEnglish_ReadsInEnglish()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            await using var context = Create();
            var chip = context.Render<DeadlineChip>(p => p.Add(c => c.DueOn, new DateOnly(2026, 12, 4)).Add(c => c.Remaining, -1).Add(c => c.Unit, "workingDays"));
            Assert.Equal("1 working days overdue", chip.Find("[data-deadline]").TextContent.Trim());
            var provisional = context.Render<DeadlineChip>(p => p.Add(c => c.DueOn, new DateOnly(2027, 1, 4)).Add(c => c.Remaining, 2).Add(c => c.Unit, "days").Add(c => c.Provisional, true));
            Assert.Equal("2 days left (provisional)", provisional.Find("[data-deadline]").TextContent.Trim());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
