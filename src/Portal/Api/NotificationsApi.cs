using System.Security.Claims;
using Justice.Workflows.Cases;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Api;

/// <summary>The caller's messages (and those to their roles).</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notifications", async (ClaimsPrincipal user, ICaseStore store, WorkflowInstanceView view, CancellationToken ct) =>
        {
            var viewer = user.ToCaseViewer();
            var mine = new List<Notification>();
            foreach (var recipient in viewer.Roles.Select(r => $"role:{r}").Prepend(viewer.Email ?? ""))
                mine.AddRange(await store.GetNotificationsAsync(recipient, ct));
            return Results.Ok(mine.OrderByDescending(n => n.CreatedAt).Take(100)
                .Select(n => new { n.Id, n.Title, n.Body, n.CaseId, CreatedAt = view.Time(n.CreatedAt), Read = n.ReadAt is not null }));
        }).WithTags("通知").RequireAuthorization().WithSummary("我的通知");
        return app;
    }
}
