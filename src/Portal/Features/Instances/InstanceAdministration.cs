using System.Security.Claims;
using Justice.Portal.Data;
using Justice.Portal.Features.Audit;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Features.Instances;

/// <summary>Administrative actions on running instances, audited; the API and the instance viewer both go through here.</summary>
public sealed class InstanceAdministration(WorkflowRuntime runtime, AuditLog audit)
{
    /// <summary>Starts the published version of a definition by hand (API, designer); null when none is published.</summary>
    public async Task<WorkflowInstanceRecord?> StartAsync(ClaimsPrincipal actor, string definitionId, System.Text.Json.Nodes.JsonObject? input, string? correlationId,
        CancellationToken cancellationToken = default)
    {
        var instance = await runtime.StartAsync(definitionId, input, correlationId, cancellationToken);
        if (instance is not null)
            await audit.RecordAsync(actor, "instance.start", $"{definitionId} {instance.Id}",
                $"版本 {instance.DefinitionVersion}{(correlationId is null ? "" : $"；关联号 {correlationId}")}；{instance.SubStatus}", cancellationToken);
        return instance;
    }

    /// <summary>Cancels the instance (null when it does not exist); <see cref="Justice.Workflows.Runtime.Stores.WorkflowConflictException"/> when it moved on meanwhile.</summary>
    public async Task<WorkflowInstanceRecord?> CancelAsync(ClaimsPrincipal actor, string instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await runtime.CancelAsync(instanceId, cancellationToken);
        if (instance is not null)
            await audit.RecordAsync(actor, "instance.cancel", $"{instance.DefinitionId} {instanceId}", null, cancellationToken);
        return instance;
    }

    /// <summary>Retries the faulted activity (null when the instance does not exist); conflicts and unknown activities as <see cref="WorkflowRuntime.RetryAsync"/>.</summary>
    public async Task<WorkflowInstanceRecord?> RetryAsync(ClaimsPrincipal actor, string instanceId, string activityId, CancellationToken cancellationToken = default)
    {
        var instance = await runtime.RetryAsync(instanceId, activityId, cancellationToken);
        if (instance is not null)
            await audit.RecordAsync(actor, "instance.retry", $"{instance.DefinitionId} {instanceId} {activityId}", $"重试后：{instance.SubStatus}", cancellationToken);
        return instance;
    }
}
