using Justice.Casework.Calendar;

namespace Justice.Portal.Features.Calendar;

/// <summary>When a statutory period ends, counted by the casework's statutory calendar.</summary>
public sealed record PeriodDue(DateOnly Due, DateTimeOffset ExpiresAt, bool Provisional);

/// <summary>
/// The calendar feature's one way into the casework. The API asks one question whose answer takes three of the
/// statutory calendar's counts (the last day, when it expires, whether it is provisional); here they are asked together.
/// </summary>
public sealed class CalendarService(StatutoryCalendar calendar)
{
    /// <summary>The last day of a period of <paramref name="amount"/> <paramref name="unit"/> from <paramref name="start"/> (not counted), its expiry and whether it is provisional.</summary>
    public PeriodDue Due(DateOnly start, int amount, PeriodUnit unit)
    {
        var due = calendar.Due(start, amount, unit);
        return new PeriodDue(due, calendar.ExpiresAt(due), calendar.IsProvisional(start, due));
    }
}
