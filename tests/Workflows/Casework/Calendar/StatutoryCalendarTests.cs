using Justice.Casework.Calendar;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Tests.Casework.Calendar;

/// <summary>Periods checked against dates worked out by hand from the State Council notices for 2024–2026, and the law for 2027.</summary>
public sealed class StatutoryCalendarTests
{
    static StatutoryCalendar Create(string? folder = null)
    {
        var options = Options.Create(new CalendarOptions { Folder = folder ?? Path.Combine(AppContext.BaseDirectory, "calendar") });
        return new StatutoryCalendar(new HolidayCalendar(options, NullLogger<HolidayCalendar>.Instance), options);
    }

    static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    [Theory]
    // 2025 National Day and Mid-Autumn: off 10-01…10-08. Six days from 09-25 end on 10-01, a holiday → 10-09.
    [InlineData("2025-09-25", 6, "days", "2025-10-09")]
    // The last day is Sunday 2025-09-28, an official make-up working day: the period ends on it.
    [InlineData("2025-09-21", 7, "days", "2025-09-28")]
    // An ordinary Saturday moves to Monday.
    [InlineData("2026-03-02", 5, "days", "2026-03-09")]
    // 2026 Spring Festival: off 02-15…02-23. Five days from 02-10 end on Sunday 02-15 → Tuesday 02-24.
    [InlineData("2026-02-10", 5, "days", "2026-02-24")]
    // The starting day is not counted: one day from Thursday 2026-01-08 is Friday 2026-01-09.
    [InlineData("2026-01-08", 1, "days", "2026-01-09")]
    // 15 working days from 2026-01-28 count Saturday 02-14 (make-up day), skip 02-15…02-23 → 2026-02-25.
    [InlineData("2026-01-28", 15, "workingDays", "2026-02-25")]
    // 5 working days from Friday 2025-09-26: 09-28 (make-up Sunday), 09-29, 09-30, then 10-09, 10-10.
    [InlineData("2025-09-26", 5, "workingDays", "2025-10-10")]
    // 2025-01-26 (Sunday) is a make-up working day before the Spring Festival (off 01-28…02-04).
    [InlineData("2025-01-24", 3, "workingDays", "2025-02-05")]
    // One month from 01-31 is the last day of February; 2026-02-28 (Saturday) is a make-up working day.
    [InlineData("2026-01-31", 1, "months", "2026-02-28")]
    // Two months from 03-31 is 05-31, a Sunday → Monday 06-01.
    [InlineData("2026-03-31", 2, "months", "2026-06-01")]
    // Leap year: one month from 2024-01-31 is 2024-02-29, a working day.
    [InlineData("2024-01-31", 1, "months", "2024-02-29")]
    // Four months from 2026-06-01 is 2026-10-01, National Day (off 10-01…10-07) → 2026-10-08.
    [InlineData("2026-06-01", 4, "months", "2026-10-08")]
    public void Due_MatchesHandWorkedDates(string from, int amount, string unit, string expected)
    {
        Assert.Equal(D(expected), Create().Due(D(from), amount, PeriodUnits.Parse(unit)));
    }

    [Fact]
    public void ExpiresAt_IsMidnightAtTheEndOfTheLastDayInShanghai()
    {
        var expires = Create().ExpiresAt(D("2026-02-25"));

        Assert.Equal(new DateTimeOffset(2026, 2, 25, 16, 0, 0, TimeSpan.Zero), expires.ToUniversalTime());
    }

    [Fact]
    public void Remaining_CountsInTheUnitOfThePeriod()
    {
        var calendar = Create();

        Assert.Equal(3, calendar.Remaining(D("2026-02-12"), D("2026-02-24"), PeriodUnit.WorkingDays)); // 02-13, 02-14 (make-up), 02-24
        Assert.Equal(12, calendar.Remaining(D("2026-02-12"), D("2026-02-24"), PeriodUnit.Days));
        Assert.Equal(-1, calendar.Remaining(D("2026-02-25"), D("2026-02-24"), PeriodUnit.WorkingDays));
    }

    [Fact]
    public void YearWithoutData_CountsTheHolidaysTheLawFixes()
    {
        var calendar = Create();

        Assert.False(calendar.Holidays.HasData(2027));
        // 2027-01-01 (Friday) is 元旦 by law even before the 2027 notice: one day from 2026-12-31 ends on Monday 01-04.
        Assert.False(calendar.Holidays.IsWorkingDay(D("2027-01-01")));
        Assert.Equal(D("2027-01-04"), calendar.Due(D("2026-12-31"), 1, PeriodUnit.Days));
        // Spring Festival 2027: 除夕 Friday 02-05, 初一–初三 02-06…02-08 → four days from 02-01 end on Tuesday 02-09.
        Assert.Equal(D("2027-02-09"), calendar.Due(D("2027-02-01"), 4, PeriodUnit.Days));
        // Computed years have no make-up working days: Saturday 2027-02-20 stays a rest day.
        Assert.False(calendar.Holidays.IsWorkingDay(D("2027-02-20")));
    }

    [Theory]
    [InlineData("2026-12-31", 1, "days", true)]      // ends in 2027, counted without a notice
    [InlineData("2026-12-20", 10, "workingDays", true)]
    [InlineData("2026-12-01", 10, "days", false)]    // 2026 has its notice
    [InlineData("2026-12-31", 0, "days", false)]     // the starting day is not counted
    public void IsProvisional_WhenTheCountTouchesAYearWithoutOfficialData(string from, int amount, string unit, bool expected)
    {
        var calendar = Create();
        var start = D(from);

        var due = calendar.Due(start, amount, PeriodUnits.Parse(unit));

        Assert.Equal(expected, calendar.IsProvisional(start, due));
    }

    [Fact]
    public void OfficialData_WinsCompletelyOverTheComputedHolidays()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-calendar", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // A notice that (unlike the law's minimum) gives 02-04…02-10 and makes Sunday 01-31 a working day.
        File.WriteAllText(Path.Combine(folder, "2027.json"), """
            { "years": { "2027": { "off": ["2027-01-01", "2027-02-04", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10"], "workdays": ["2027-01-31"] } } }
            """);

        var calendar = Create(folder);

        Assert.True(calendar.Holidays.IsWorkingDay(D("2027-01-31")));
        Assert.False(calendar.Holidays.IsWorkingDay(D("2027-02-10")));
        Assert.True(calendar.Holidays.IsWorkingDay(D("2027-04-05"))); // no computed Qingming once the year has data
        Assert.False(calendar.IsProvisional(D("2027-01-01"), D("2027-02-11")));
    }

    [Fact]
    public void NewYearFile_IsReadWithoutARelease()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-calendar", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "calendar", "cn-holidays.json"), Path.Combine(folder, "cn-holidays.json"));
        File.WriteAllText(Path.Combine(folder, "2027.json"), """{ "years": { "2027": { "off": ["2027-01-01"], "workdays": [] } } }""");

        var calendar = Create(folder);

        Assert.True(calendar.Holidays.HasData(2026));
        Assert.True(calendar.Holidays.HasData(2027));
        Assert.False(calendar.Holidays.IsWorkingDay(D("2027-01-01")));
        Assert.Equal(D("2027-01-04"), calendar.Due(D("2026-12-31"), 1, PeriodUnit.Days));
    }

    [Fact]
    public void Refresh_ReadsAYearFileCopiedInWithAnOlderTime()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-calendar", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "calendar", "cn-holidays.json"), Path.Combine(folder, "cn-holidays.json"));
        var calendar = Create(folder);
        var revision = calendar.Holidays.Revision;
        var added = Path.Combine(folder, "2027.json");
        File.WriteAllText(added, """{ "years": { "2027": { "off": ["2027-01-01"], "workdays": [] } } }""");
        File.SetLastWriteTimeUtc(added, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        calendar.Holidays.Refresh();

        Assert.True(calendar.Holidays.HasData(2027));
        Assert.Equal(revision + 1, calendar.Holidays.Revision);
    }

    [Theory]
    [InlineData("weeks")]
    [InlineData("")]
    public void ParseUnit_RejectsUnknownUnits(string unit)
    {
        Assert.Throws<FormatException>(() => PeriodUnits.Parse(unit));
    }
}
