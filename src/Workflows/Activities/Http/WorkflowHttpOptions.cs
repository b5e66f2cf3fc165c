namespace Justice.Workflows.Activities.Http;

/// <summary>Settings of the HTTP activities (configuration section <c>Workflows:Http</c>).</summary>
public sealed class WorkflowHttpOptions
{
    public const string Section = "Workflows:Http";

    /// <summary>The hosts outbound requests may go to (exact host names, case-insensitive); empty means none.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long an outbound request may take before it ends on the <c>Timeout</c> port.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The largest response body an outbound request reads; a larger one faults the activity.</summary>
    public long MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest request body an HTTP endpoint accepts (413 beyond it).</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;
}
