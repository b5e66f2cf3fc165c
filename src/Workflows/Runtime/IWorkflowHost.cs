using System.Text.Json.Nodes;

namespace Justice.Workflows.Runtime;

/// <summary>What activities may ask of the runtime beyond their own instance.</summary>
public interface IWorkflowHost
{
    /// <summary>Starts a published definition as a sub-process within the current unit of work and runs its first burst.</summary>
    ValueTask<WorkflowExecutionContext> RunChildAsync(WorkflowExecutionContext parent, string definitionId, JsonObject input,
        string? correlationId, ParentLink? parentLink, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a definition used as an activity as a sub-process within the current unit of work and runs its first burst:
    /// the version <paramref name="versionId"/>, else the published version of <paramref name="definitionId"/>, else its latest (as Elsa falls back).
    /// </summary>
    ValueTask<WorkflowExecutionContext> RunWorkflowActivityAsync(WorkflowExecutionContext parent, string definitionId, string versionId, JsonObject input,
        ParentLink parentLink, CancellationToken cancellationToken);

    /// <summary>
    /// Ends another running instance within the current unit of work, as a cancel does: its waiting activities and
    /// open tasks are cancelled. False when it is not running or already takes part in the unit.
    /// </summary>
    ValueTask<bool> EndInstanceAsync(WorkflowExecutionContext current, string instanceId, CancellationToken cancellationToken);
}

/// <summary>The services a burst needs, resolved once.</summary>
internal sealed record WorkflowBurstServices(
    IServiceProvider ServiceProvider, Expressions.ExpressionEvaluator Evaluator, TimeProvider Clock, IWorkflowHost Host, int MaxSteps, long MaxValueBytes);
