using Justice.Casework.Cases;

namespace Justice.Portal.Features.Audit;

/// <summary>What the engine audits (a verification draw) goes into the portal's audit log, beside the administrators' changes.</summary>
public sealed class PortalAuditTrail(IServiceScopeFactory scopes) : IAuditTrail
{
    public async Task RecordAsync(string actor, string action, string target, string? details, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(actor, action, target, details, cancellationToken);
    }
}
