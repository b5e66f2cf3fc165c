using Justice.Portal.Api;

namespace Justice.Portal.Features.Audit;

/// <summary>The audit log (administrators and auditors).</summary>
public static class AuditApi
{
    public const string AuditReaders = "audit-readers";

    public sealed record AuditItem(string Id, string At, string Actor, string Action, string Target, string? Details);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (string? action, string? q, int? page, int? pageSize, AuditLog audit, ApiTime time, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var (items, total) = await audit.ListAsync(action, q, p, size, ct);
            return Results.Ok(new PagedResult<AuditItem>(items.Select(e => new AuditItem(e.Id, time.Format(e.At), e.Actor, e.Action, e.Target, e.Details)).ToList(), total, p, size));
        }).WithTags("审计日志").RequireAuthorization(AuditReaders).WithSummary("管理操作审计日志（用户、角色、流程定义、模板、规则集）");
        return app;
    }
}
