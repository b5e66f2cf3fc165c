using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Casework.Work;

namespace Justice.Portal.Features.Notifications;

/// <summary>The in-app messages of a user (addressed to them, or to one of their roles), as the casework keeps them.</summary>
public sealed class NotificationService(UserNotifications notifications)
{
    public Task<IReadOnlyList<Notification>> ListAsync(CaseViewer viewer, int take = 100, CancellationToken cancellationToken = default) =>
        notifications.ListAsync(viewer, take, cancellationToken);

    /// <summary>Unread messages addressed to the user personally (role-wide messages carry no personal read mark).</summary>
    public Task<int> UnreadAsync(CaseViewer viewer, CancellationToken cancellationToken = default) =>
        notifications.UnreadAsync(viewer, cancellationToken);

    public Task MarkAllReadAsync(CaseViewer viewer, CancellationToken cancellationToken = default) =>
        notifications.MarkAllReadAsync(viewer, cancellationToken);
}
