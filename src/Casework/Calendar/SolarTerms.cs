namespace Justice.Casework.Calendar;

/// <summary>
/// Solar terms (节气) from the sun's apparent longitude (Meeus, <i>Astronomical Algorithms</i>, ch. 25, low
/// accuracy: about 0.01°, a quarter of an hour of the sun's motion), dated in China Standard Time (UTC+8).
/// </summary>
public static class SolarTerms
{
    static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>清明: the day on which the sun's apparent longitude reaches 15° (about 4–5 April).</summary>
    public static DateOnly Qingming(int year) => DayLongitudeReached(new DateOnly(year, 3, 30), 15);

    /// <summary>The first day, from <paramref name="from"/> on, during which the longitude reaches <paramref name="degrees"/>.</summary>
    static DateOnly DayLongitudeReached(DateOnly from, double degrees)
    {
        for (var day = from; ; day = day.AddDays(1))
        {
            if (Distance(Longitude(EndOf(day)), degrees) >= 0)
                return day;
        }
    }

    static DateTimeOffset EndOf(DateOnly day) =>
        new(day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), ChinaStandardTime);

    /// <summary>How far (−180°…180°) the longitude is past the target.</summary>
    static double Distance(double longitude, double target) => ((longitude - target + 540) % 360) - 180;

    /// <summary>The sun's apparent geocentric longitude in degrees at an instant.</summary>
    static double Longitude(DateTimeOffset at)
    {
        // Julian ephemeris day: Unix epoch is JD 2440587.5; terrestrial time runs about 69 s ahead of UTC.
        var jde = 2440587.5 + (at.ToUnixTimeMilliseconds() / 1000.0 + 69) / 86400.0;
        var t = (jde - 2451545.0) / 36525;
        var l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
        var m = Radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
        var centre = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.Sin(m) + (0.019993 - 0.000101 * t) * Math.Sin(2 * m) + 0.000289 * Math.Sin(3 * m);
        var omega = Radians(125.04 - 1934.136 * t);
        var apparent = l0 + centre - 0.00569 - 0.00478 * Math.Sin(omega);
        return ((apparent % 360) + 360) % 360;
    }

    static double Radians(double degrees) => degrees * Math.PI / 180;
}
