using Microsoft.Extensions.Options;

namespace Justice.Casework.Calendar;

/// <summary>
/// Statutory periods counted as Chinese procedural law counts them (Civil Procedure Law Arts. 85–86): the
/// starting day is not counted; a period whose last day is a rest day ends on the next working day; working days
/// skip weekends and holidays and count make-up working days; a month period ends on the same day number of the
/// target month, or on its last day; a period expires at 24:00 of its last day in the bureau's time zone.
/// </summary>
public sealed class StatutoryCalendar(HolidayCalendar holidays, IOptions<CalendarOptions> options) : Justice.Workflows.Expressions.IScriptTimeZone
{
    readonly TimeZoneInfo _zone = FindZone(options.Value.TimeZone);

    public HolidayCalendar Holidays => holidays;

    public TimeZoneInfo Zone => _zone;

    static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);
        }
    }

    /// <summary>The last day of a period that starts on <paramref name="start"/> (not counted).</summary>
    public DateOnly Due(DateOnly start, int amount, PeriodUnit unit)
    {
        if (amount < 0)
            throw new ArgumentOutOfRangeException(nameof(amount), "期间长度不能为负数。");
        return unit switch
        {
            PeriodUnit.Days => holidays.NextWorkingDayOnOrAfter(start.AddDays(amount)),
            PeriodUnit.Months => holidays.NextWorkingDayOnOrAfter(AddMonths(start, amount)),
            _ => AddWorkingDays(start, amount),
        };
    }

    /// <summary>
    /// Whether the last day <paramref name="due"/> of a period starting on <paramref name="start"/> is provisional: a
    /// day after the start up to the last day lies in a year without official data, so the State Council's notice
    /// may still move it.
    /// </summary>
    public bool IsProvisional(DateOnly start, DateOnly due)
    {
        for (var year = start.AddDays(1).Year; year <= due.Year; year++)
        {
            if (holidays.IsProvisional(year))
                return true;
        }
        return false;
    }

    static DateOnly AddMonths(DateOnly start, int months)
    {
        // DateOnly.AddMonths already clamps to the last day of a shorter month (1月31日 + 1 月 → 2月28/29日).
        return start.AddMonths(months);
    }

    DateOnly AddWorkingDays(DateOnly start, int amount)
    {
        var day = start;
        for (var counted = 0; counted < amount;)
        {
            day = day.AddDays(1);
            if (holidays.IsWorkingDay(day))
                counted++;
        }
        return day;
    }

    /// <summary>The local date of an instant in the bureau's time zone.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _zone).DateTime);

    /// <summary>When a period whose last day is <paramref name="due"/> expires: 24:00 of that day, local time.</summary>
    public DateTimeOffset ExpiresAt(DateOnly due)
    {
        var midnight = due.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight));
    }

    /// <summary>What is left of a period on <paramref name="today"/>, in its own unit (negative when overdue).</summary>
    public int Remaining(DateOnly today, DateOnly due, PeriodUnit unit)
    {
        if (unit != PeriodUnit.WorkingDays)
            return due.DayNumber - today.DayNumber;
        if (today > due)
            return -CountWorkingDays(due, today);
        return CountWorkingDays(today, due);
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (holidays.IsWorkingDay(day))
                count++;
        }
        return count;
    }
}
