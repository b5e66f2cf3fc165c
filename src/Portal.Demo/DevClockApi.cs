using Justice.Portal.Api;
using Justice.Portal.Data;
using Justice.Workflows;
using Justice.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace Justice.Portal.Demo;

/// <summary>
/// The test clock: moves the portal's time forward so that people and tests can walk a case through its statutory
/// periods. Mapped only in Development and test environments; it does not exist in Production.
/// </summary>
public static class DevClockApi
{
    public sealed record AdvanceRequest(double? Days, double? Hours);

    public static IEndpointRouteBuilder MapDevClockApi(this IEndpointRouteBuilder app, IHostEnvironment environment)
    {
        if (environment.IsProduction() || app.ServiceProvider.GetService<TimeProvider>() is not DemoClock)
            return app;
        var group = app.MapGroup("/api/dev/clock").WithTags("测试时钟（仅开发与测试环境）").RequireAuthorization(Data.PortalRoles.Admin);
        group.MapGet("/", (TimeProvider clock, WorkflowInstanceView view) => Results.Ok(new { now = view.Time(clock.GetUtcNow()), offsetDays = DemoClock.Offset.TotalDays }));
        group.MapPost("/advance", async (AdvanceRequest body, TimeProvider clock, WorkflowRuntime runtime, WorkflowInstanceView view, IOptions<WorkflowOptions> options, CancellationToken ct) =>
        {
            var by = TimeSpan.FromDays(body.Days ?? 0) + TimeSpan.FromHours(body.Hours ?? 0);
            if (by <= TimeSpan.Zero || by > TimeSpan.FromDays(3660))
                return ApiProblems.BadRequest("只能向前拨动时钟（最多十年）。");
            DemoClock.MoveOn(by);
            var fired = 0;
            int n;
            while ((n = await runtime.ProcessDueTimersAsync(options.Value.TimerLease, 500, ct)) > 0)
                fired += n;
            return Results.Ok(new { now = view.Time(clock.GetUtcNow()), offsetDays = DemoClock.Offset.TotalDays, timersFired = fired });
        });
        return app;
    }
}
