using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Justice.Portal.Proxy;

/// <summary>
/// The public certificate check (<c>/api/verify</c>) limited per client address here, in front of every node: each node
/// counts only the requests it served, so behind several nodes a client could otherwise ask each node its fill.
/// <c>Verify:PermitPerMinute</c> (30), as on the nodes; the route of the <c>ReverseProxy</c> settings names the policy.
/// </summary>
public static class VerificationLimit
{
    public const string Policy = "verify";

    public static IServiceCollection AddVerificationLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permit = configuration.GetValue("Verify:PermitPerMinute", 30);
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await rejected.HttpContext.Response.WriteAsJsonAsync(new
                {
                    type = "https://tools.ietf.org/html/rfc6585#section-4",
                    title = "请求过于频繁",
                    status = StatusCodes.Status429TooManyRequests,
                    detail = "查询过于频繁，请一分钟后再试。",
                }, options: null, contentType: "application/problem+json", cancellationToken);
            };
        });
    }
}
