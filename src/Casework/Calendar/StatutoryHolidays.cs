using System.Globalization;

namespace Justice.Casework.Calendar;

/// <summary>A holiday the law fixes, by its name (元旦, 除夕, 春节 …).</summary>
public sealed record StatutoryHoliday(DateOnly Day, string Name);

/// <summary>
/// The holiday days 《全国年节及纪念日放假办法》 itself fixes, for years without a State Council notice. From 2025
/// (2024 revision): 元旦 1 day; 春节 除夕 and 初一–初三; 清明 1 day (the solar term); 劳动节 5/1–5/2; 端午 1 day;
/// 中秋 1 day; 国庆 10/1–10/3. Years 2014–2024 follow the 2013 revision (春节 初一–初三, 劳动节 5/1 only), earlier
/// years the 2007 revision (春节 除夕–初二). The notice moves days around them (调休); without it there are no
/// make-up working days and nothing beyond these days.
/// </summary>
public static class StatutoryHolidays
{
    static readonly ChineseLunisolarCalendar Lunar = new();

    public static IReadOnlyList<StatutoryHoliday> For(int year)
    {
        var newYear = LunarDay(year, 1, 1);
        (string Name, int FromNewYear)[] springFestival = year switch
        {
            >= 2025 => [("除夕", -1), ("春节", 0), ("春节", 1), ("春节", 2)],
            >= 2014 => [("春节", 0), ("春节", 1), ("春节", 2)],
            _ => [("除夕", -1), ("春节", 0), ("春节", 1)],
        };
        var days = new List<StatutoryHoliday> { new(new DateOnly(year, 1, 1), "元旦") };
        days.AddRange(springFestival.Select(d => new StatutoryHoliday(newYear.AddDays(d.FromNewYear), d.Name)));
        days.Add(new(SolarTerms.Qingming(year), "清明节"));
        days.Add(new(new DateOnly(year, 5, 1), "劳动节"));
        if (year >= 2025)
            days.Add(new(new DateOnly(year, 5, 2), "劳动节"));
        days.Add(new(LunarDay(year, 5, 5), "端午节"));
        days.Add(new(LunarDay(year, 8, 15), "中秋节"));
        days.AddRange(Enumerable.Range(1, 3).Select(d => new StatutoryHoliday(new DateOnly(year, 10, d), "国庆节")));
        return days.OrderBy(d => d.Day).ToList();
    }

    /// <summary>The Gregorian date of a day of an ordinary (not leap) month of the lunar year that starts in <paramref name="year"/>.</summary>
    static DateOnly LunarDay(int year, int month, int day)
    {
        // ChineseLunisolarCalendar numbers a leap month as the month after the one it repeats: with a leap month
        // at index n, the ordinary months from n on are shifted by one.
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }
}
