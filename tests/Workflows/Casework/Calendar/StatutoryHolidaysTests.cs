using System.Text.Json.Nodes;
using Justice.Casework.Calendar;

namespace Justice.Workflows.Tests.Casework.Calendar;

/// <summary>
/// The holidays the law itself fixes (《全国年节及纪念日放假办法》), computed for years without a State Council notice,
/// checked against the notices of 2024–2026.
/// </summary>
public sealed class StatutoryHolidaysTests
{
    static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    static HashSet<DateOnly> OfficialOff(int year)
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calendar", "cn-holidays.json")))!;
        return document["years"]![year.ToString()]!["off"]!.AsArray().Select(d => D(d!.GetValue<string>())).ToHashSet();
    }

    [Theory]
    [InlineData(2024, "2024-04-04")]
    [InlineData(2025, "2025-04-04")]
    [InlineData(2026, "2026-04-05")]
    public void Qingming_IsTheDayOfTheSolarTerm(int year, string expected)
    {
        Assert.Equal(D(expected), SolarTerms.Qingming(year));
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void For_EveryStatutoryDayIsOffInTheOfficialData(int year)
    {
        var official = OfficialOff(year);

        var missing = StatutoryHolidays.For(year).Where(h => !official.Contains(h.Day)).Select(h => $"{h.Day:yyyy-MM-dd} {h.Name}").ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void For_2027_GivesTheDaysTheLawFixes()
    {
        var days = StatutoryHolidays.For(2027).Select(h => h.Day.ToString("yyyy-MM-dd")).ToList();

        Assert.Equal([
            "2027-01-01",
            "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", // 除夕, 初一–初三 (2027-02-06 is 初一)
            "2027-04-05",
            "2027-05-01", "2027-05-02",
            "2027-06-09", // 端午 (五月初五)
            "2027-09-15", // 中秋 (八月十五)
            "2027-10-01", "2027-10-02", "2027-10-03",
        ], days);
    }

    [Theory]
    [InlineData(2025, "2025-01-28")] // 腊月二十九: the lunar year 2024 has no 三十
    [InlineData(2026, "2026-02-16")] // 腊月二十九
    public void NewYearsEve_IsTheLastDayOfTheLunarYear(int year, string expected)
    {
        Assert.Contains(StatutoryHolidays.For(year), h => h.Day == D(expected) && h.Name == "除夕");
    }

    [Fact]
    public void For_2024_FollowsTheRulesThenInForce_WithoutNewYearsEveOrMaySecond()
    {
        var days = StatutoryHolidays.For(2024).Select(h => h.Day).ToHashSet();

        Assert.DoesNotContain(D("2024-02-09"), days); // 除夕 became a holiday with the 2024 revision, in force from 2025
        Assert.DoesNotContain(D("2024-05-02"), days);
        Assert.Contains(D("2024-02-10"), days);
        Assert.Equal(11, days.Count);
    }
}
