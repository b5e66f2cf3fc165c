using System.Security.Claims;
using Justice.Portal.Api;
using Justice.Portal.Security;

namespace Justice.Portal.Features.Notifications;

/// <summary>The caller's messages (and those to their roles).</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notifications", async (ClaimsPrincipal user, NotificationService notifications, ApiTime time, CancellationToken ct) =>
            Results.Ok((await notifications.ListAsync(user.ToCaseViewer(), 100, ct))
                .Select(n => new { n.Id, n.Title, n.Body, n.CaseId, CreatedAt = time.Format(n.CreatedAt), Read = n.ReadAt is not null })))
            .WithTags("通知").RequireAuthorization().WithSummary("我的通知");
        return app;
    }
}
