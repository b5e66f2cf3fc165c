namespace Justice.Workflows.Management;

/// <summary>Definition versions.</summary>
public interface IWorkflowDefinitionStore
{
    Task<IReadOnlyList<WorkflowDefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default);

    Task<WorkflowDefinitionRecord?> FindByVersionIdAsync(string versionId, CancellationToken cancellationToken = default);

    /// <summary>The published version of every definition (definition id and version id).</summary>
    Task<IReadOnlyList<(string DefinitionId, string VersionId)>> ListPublishedAsync(CancellationToken cancellationToken = default);

    Task<WorkflowDefinitionRecord?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>The latest version of each definition, paged, with the published version number when there is one.</summary>
    Task<(IReadOnlyList<(WorkflowDefinitionRecord Latest, int? PublishedVersion)> Items, int TotalCount)> ListLatestAsync(int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Inserts or updates the given versions in one transaction.</summary>
    Task SaveAsync(IReadOnlyCollection<WorkflowDefinitionRecord> versions, CancellationToken cancellationToken = default);

    /// <summary>Sets the version flags only (publish, retract), leaving each version's JSON as it is in the database.</summary>
    Task SaveFlagsAsync(IReadOnlyCollection<WorkflowDefinitionRecord> versions, CancellationToken cancellationToken = default);

    /// <summary>Deletes one version and saves the others given, in one transaction.</summary>
    Task DeleteAsync(WorkflowDefinitionRecord version, IReadOnlyCollection<WorkflowDefinitionRecord> changed, CancellationToken cancellationToken = default);
}
