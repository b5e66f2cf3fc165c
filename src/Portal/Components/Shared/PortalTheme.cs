using MudBlazor;

namespace Justice.Portal.Components.Shared;

/// <summary>One theme for every page: the bureau's dark red, readable contrast, CJK fonts installed on the machine.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#9b1c1c",
            Secondary = "#37474f",
            AppbarBackground = "#9b1c1c",
            Warning = "#b45309",
            Error = "#b91c1c",
            Success = "#15803d",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "sans-serif"] },
        },
    };
}
