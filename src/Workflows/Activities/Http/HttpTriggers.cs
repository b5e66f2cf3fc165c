using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Http;

/// <summary>The HTTP endpoints of a definition version: those that start it (triggers) and all of them.</summary>
public static class HttpTriggers
{
    /// <summary>The endpoints that start the workflow (<c>canStartWorkflow</c>, as in Elsa), with literal paths.</summary>
    public static IReadOnlyList<HttpEndpointRoute> Of(WorkflowModel model) =>
        [.. model.Activities.Values.OfType<HttpEndpoint>().Where(e => e.CanStartWorkflow).Select(e => e.StaticRoute()).OfType<HttpEndpointRoute>()];

    /// <summary>Every endpoint with a literal path (those an instance may wait on, too).</summary>
    public static IReadOnlyList<HttpEndpointRoute> All(WorkflowModel model) =>
        [.. model.Activities.Values.OfType<HttpEndpoint>().Select(e => e.StaticRoute()).OfType<HttpEndpointRoute>()];
}
