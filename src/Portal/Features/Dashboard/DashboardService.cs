using Justice.Casework.Cases;

namespace Justice.Portal.Features.Dashboard;

/// <summary>The dashboard's one way into the casework: the figures of the cases the viewer may see.</summary>
public sealed class DashboardService(CaseQueries queries)
{
    /// <summary>The figures of the dashboard, over the cases the viewer may see (the supervisor's over every case: counts, no file).</summary>
    public Task<CaseStatistics> StatisticsAsync(CaseViewer viewer, CancellationToken cancellationToken = default) =>
        queries.StatisticsAsync(viewer, cancellationToken);
}
