namespace Justice.Portal.Data;

/// <summary>One administrative change: who did what to which object, when. Never updated, never deleted.</summary>
public sealed class AuditEntry
{
    public required string Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }

    /// <summary><c>user.create</c>, <c>user.roles</c>, <c>user.lock</c>, <c>definition.import</c>, <c>definition.publish</c> …</summary>
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string? Details { get; set; }
}
