using Justice.Casework.Calendar;

namespace Justice.Portal.Localization;

/// <summary>
/// Instants as the pages show them: in the bureau's time zone (the statutory calendar's), to the minute or the second,
/// or the local day they fall on. Presentation only, shared by the features' pages as <see cref="UiText"/> is.
/// </summary>
public sealed class BureauTime(StatutoryCalendar calendar)
{
    public string Minutes(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, calendar.Zone).ToString("yyyy-MM-dd HH:mm");

    public string Seconds(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, calendar.Zone).ToString("yyyy-MM-dd HH:mm:ss");

    /// <summary>The local date of an instant.</summary>
    public DateOnly Day(DateTimeOffset at) => calendar.Today(at);
}
