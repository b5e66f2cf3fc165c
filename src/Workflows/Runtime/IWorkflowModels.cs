using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Runtime;

/// <summary>The compiled definitions the runtime runs (kept by the definitions service in Management).</summary>
public interface IWorkflowModels
{
    /// <summary>A version by its id; null when there is none.</summary>
    Task<WorkflowModel?> GetModelAsync(string versionId, CancellationToken cancellationToken = default);

    /// <summary>The published version of a definition; null when none is published.</summary>
    Task<WorkflowModel?> GetPublishedModelAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>A version of a definition by its number (published or not); null when there is none.</summary>
    Task<WorkflowModel?> GetVersionModelAsync(string definitionId, int version, CancellationToken cancellationToken = default);

    /// <summary>The latest version of a definition (published or not); null when the definition does not exist.</summary>
    Task<WorkflowModel?> GetLatestModelAsync(string definitionId, CancellationToken cancellationToken = default);
}
