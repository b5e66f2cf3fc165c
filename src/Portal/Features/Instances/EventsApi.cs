using System.Text.Json.Nodes;
using Justice.Portal.Data;

namespace Justice.Portal.Features.Instances;

/// <summary>Triggers events that waiting instances resume on.</summary>
public static class EventsApi
{
    public sealed record TriggerRequest(string? CorrelationId, string? WorkflowInstanceId, JsonNode? Input);

    public sealed record TriggerResponse(IReadOnlyList<string> WorkflowInstanceIds);

    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").WithTags("事件").RequireAuthorization(PortalRoles.Admin);
        group.MapPost("/{eventName}/trigger", TriggerAsync).WithSummary("触发事件：同步恢复所有匹配的等待");
        return group;
    }

    static async Task<IResult> TriggerAsync(string eventName, TriggerRequest? body, InstanceService instances, CancellationToken ct)
    {
        var ids = await instances.TriggerEventAsync(eventName, body?.CorrelationId, body?.WorkflowInstanceId, body?.Input, ct);
        return Results.Ok(new TriggerResponse(ids));
    }
}
