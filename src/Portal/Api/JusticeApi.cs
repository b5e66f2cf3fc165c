using Justice.Portal.Features.Admin;
using Justice.Portal.Features.Audit;
using Justice.Portal.Features.Calendar;
using Justice.Portal.Features.Cases;
using Justice.Portal.Features.Definitions;
using Justice.Portal.Features.Documents;
using Justice.Portal.Features.HttpWorkflows;
using Justice.Portal.Features.Inbox;
using Justice.Portal.Features.Instances;
using Justice.Portal.Features.Notifications;
using Justice.Portal.Features.Signing;
using Justice.Portal.Features.Verify;

namespace Justice.Portal.Api;

public static class JusticeApi
{
    /// <summary>Maps the HTTP API under <c>/api</c>, each feature its own group, and the workflows' own HTTP endpoints under <c>/workflows</c>.</summary>
    public static IEndpointRouteBuilder MapJusticeApi(this IEndpointRouteBuilder app)
    {
        app.MapWorkflowDefinitionsApi();
        app.MapWorkflowInstancesApi();
        app.MapEventsApi();
        app.MapTasksApi();
        app.MapCalendarApi();
        app.MapCasesApi();
        app.MapDocumentsApi();
        app.MapVerifyApi();
        app.MapNotificationsApi();
        app.MapAdminApi();
        app.MapSigningApi();
        app.MapAuditApi();
        app.MapHttpWorkflowsApi();
        return app;
    }
}
