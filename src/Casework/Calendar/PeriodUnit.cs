namespace Justice.Casework.Calendar;

/// <summary>How a statutory period is counted.</summary>
public enum PeriodUnit
{
    /// <summary>Calendar days (日); the last day moves to the next working day when it is a rest day.</summary>
    Days,

    /// <summary>Working days (工作日): weekends and official holidays skipped, make-up working days counted.</summary>
    WorkingDays,

    /// <summary>Months (月): the same day number in the target month, or its last day.</summary>
    Months,
}

public static class PeriodUnits
{
    public static PeriodUnit Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "days" or "day" or "d" or "日" or "天" => PeriodUnit.Days,
        "workingdays" or "workingday" or "wd" or "工作日" => PeriodUnit.WorkingDays,
        "months" or "month" or "m" or "月" or "个月" => PeriodUnit.Months,
        _ => throw new FormatException($"期间单位“{text}”无效：应为 days、workingDays 或 months。"),
    };

    public static string ToText(this PeriodUnit unit) => unit switch
    {
        PeriodUnit.Days => "days",
        PeriodUnit.WorkingDays => "workingDays",
        _ => "months",
    };

    public static string ChineseName(this PeriodUnit unit) => unit switch
    {
        PeriodUnit.Days => "日",
        PeriodUnit.WorkingDays => "个工作日",
        _ => "个月",
    };
}
