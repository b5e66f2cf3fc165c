namespace Justice.Portal.Features.HttpWorkflows;

/// <summary>
/// <c>/workflows/{path}</c>: the requests that HTTP endpoints of workflows receive (Elsa.HttpEndpoint), any method.
/// Who may call is the endpoint's business (its <c>authorize</c> and <c>policy</c>), so the route itself is open.
/// </summary>
public static class HttpWorkflowsApi
{
    public const string Prefix = "/workflows";

    public static IEndpointRouteBuilder MapHttpWorkflowsApi(this IEndpointRouteBuilder app)
    {
        app.Map(Prefix + "/{**path}", HandleAsync).AllowAnonymous().DisableAntiforgery().WithTags("流程 HTTP 端点").ExcludeFromDescription();
        return app;
    }

    static Task<IResult> HandleAsync(string? path, HttpContext context, HttpWorkflowService workflows) =>
        workflows.HandleAsync(context, path, context.RequestAborted);
}
