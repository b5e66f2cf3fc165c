using Justice.Workflows.Common;
using Justice.Workflows.Runtime;

namespace Justice.Workflows.Runtime.Model;

/// <summary>
/// Stands in for an activity whose type this engine does not know: its JSON is kept for round-trip, the
/// definition does not validate, and running it faults the instance with the type's name.
/// </summary>
public sealed class UnknownActivity : Activity
{
    public override IReadOnlyCollection<string>? GetPorts() => null;

    public override ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        throw new WorkflowFaultException("unknown-activity-type", $"活动类型“{Type}”未知，无法执行。");

    internal static ActivityDescriptor DescriptorFor(string type) => new()
    {
        TypeName = type,
        ClrType = typeof(UnknownActivity),
        Category = "未知",
        DisplayName = type,
        Outcomes = ["Done"],
        Inputs = [],
        Outputs = [],
    };
}
