using System.Globalization;
using Justice.Portal.Api;
using Justice.Casework.Calendar;

namespace Justice.Portal.Features.Calendar;

/// <summary>Statutory periods as the law counts them.</summary>
public static class CalendarApi
{
    /// <summary><c>provisional</c>: the count went through a year without the State Council's notice (holidays the law fixes only).</summary>
    public sealed record DueResponse(string Due, string Unit, int Amount, string From, string ExpiresAt, bool Provisional);

    public static RouteGroupBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("法定期间");
        group.MapGet("/due", Due).AllowAnonymous()
            .WithSummary("期间届满日：起算日不计入，届满日为休息日的顺延至下一个工作日；涉及尚无国务院放假安排的年份时为暂定（provisional）");
        return group;
    }

    static IResult Due(string? from, int? amount, string? unit, CalendarService calendar)
    {
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            return ApiProblems.BadRequest($"from 参数“{from}”无效：应为 YYYY-MM-DD。");
        if (amount is null or < 0 or > 10_000)
            return ApiProblems.BadRequest("amount 参数必须是 0 到 10000 之间的整数。");
        PeriodUnit parsed;
        try
        {
            parsed = PeriodUnits.Parse(unit ?? "days");
        }
        catch (FormatException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
        var period = calendar.Due(start, amount.Value, parsed);
        return Results.Ok(new DueResponse(period.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), parsed.ToText(), amount.Value,
            start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            period.Provisional));
    }
}
