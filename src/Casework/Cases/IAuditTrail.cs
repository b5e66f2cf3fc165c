namespace Justice.Casework.Cases;

/// <summary>
/// The bureau's audit log as the engine writes to it (the portal keeps it beside the accounts). Entries are written
/// when the act happens, apart from the burst's transaction: an act that is later rolled back and taken again is
/// audited twice, never not at all.
/// </summary>
public interface IAuditTrail
{
    Task RecordAsync(string actor, string action, string target, string? details, CancellationToken cancellationToken = default);
}

/// <summary>No audit log (the engine alone, in its own tests): the case record keeps what there is.</summary>
public sealed class NoAuditTrail : IAuditTrail
{
    public Task RecordAsync(string actor, string action, string target, string? details, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
