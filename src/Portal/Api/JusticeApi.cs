namespace Justice.Portal.Api;

public static class JusticeApi
{
    /// <summary>Maps the HTTP API under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapJusticeApi(this IEndpointRouteBuilder app)
    {
        app.MapWorkflowDefinitionsApi();
        app.MapWorkflowInstancesApi();
        app.MapEventsApi();
        app.MapTasksApi();
        app.MapCalendarApi();
        app.MapCasesApi();
        app.MapVerifyApi();
        app.MapNotificationsApi();
        app.MapAdminApi();
        return app;
    }
}
