using Justice.Workflows.Runtime;

namespace Justice.Portal.Api;

/// <summary>
/// Instants as the API writes them: ISO 8601 with the offset of the bureau's time zone, as the instance JSON does
/// (docs/workflow-format.md §7). Presentation only, shared by the features' endpoints as <see cref="Paging"/> is.
/// </summary>
public sealed class ApiTime(WorkflowInstanceView instances)
{
    public string Format(DateTimeOffset value) => instances.Time(value);
}
