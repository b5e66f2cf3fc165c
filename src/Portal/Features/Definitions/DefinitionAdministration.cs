using System.Security.Claims;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Justice.Portal.Features.Audit;
using Justice.Portal.Features.Instances;
using Justice.Workflows.Definitions;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Portal.Features.Definitions;

/// <summary>
/// The definitions feature's one way into the engine: the definitions, their versions and how many instances run on
/// them, for the definitions pages and the API; and the administrator's changes to definitions (docs/workflow-format.md
/// §6), each with its audit entry — the API, the definitions pages and the designer all go through here, so that every
/// change lands in the audit log the same way.
/// </summary>
public sealed class DefinitionAdministration(WorkflowDefinitionService definitions, AuditLog audit, IWebHostEnvironment environment,
    IInstanceQueries instanceQueries, ActivityRegistry activities, InstanceService instances)
{
    /// <summary>The definitions with their latest version and the published one, a page at a time.</summary>
    public Task<(IReadOnlyList<(WorkflowDefinitionRecord Latest, int? PublishedVersion)> Items, int TotalCount)> ListAsync(int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        definitions.ListAsync(page, pageSize, cancellationToken);

    /// <summary>The versions of a definition, by number; none when it does not exist.</summary>
    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default) =>
        definitions.ListVersionsAsync(definitionId, cancellationToken);

    public Task<WorkflowDefinitionRecord?> FindAsync(string definitionId, VersionSelector selector, CancellationToken cancellationToken = default) =>
        definitions.FindAsync(definitionId, selector, cancellationToken);

    /// <inheritdoc cref="WorkflowDefinitionService.Export"/>
    public static JsonObject Export(WorkflowDefinitionRecord version) => WorkflowDefinitionService.Export(version);

    /// <summary>The flowchart of a version as drawn, every activity not run.</summary>
    public FlowDiagram Diagram(WorkflowDefinitionRecord version) => FlowDiagram.FromDefinition(Export(version), activities);

    /// <summary>Running instances per definition.</summary>
    public Task<IReadOnlyDictionary<string, int>> CountRunningPerDefinitionAsync(CancellationToken cancellationToken = default) =>
        instanceQueries.CountRunningPerDefinitionAsync(cancellationToken);

    /// <summary>Instances per version of the definition (by version id).</summary>
    public Task<IReadOnlyDictionary<string, int>> CountInstancesByVersionAsync(string definitionId, CancellationToken cancellationToken = default) =>
        instanceQueries.CountInstancesByVersionAsync(definitionId, cancellationToken);

    /// <summary>Instances, and the running ones among them, per version of the definition (by version id).</summary>
    public Task<IReadOnlyDictionary<string, (int Total, int Running)>> CountInstancesPerVersionAsync(string definitionId, CancellationToken cancellationToken = default) =>
        instanceQueries.CountInstancesPerVersionAsync(definitionId, cancellationToken);

    /// <summary>
    /// Starts the published version by hand and runs it until it waits or ends (audited as a manual start); the
    /// instance JSON, or null when nothing is published.
    /// </summary>
    public async Task<JsonObject?> ExecuteAsync(ClaimsPrincipal actor, string definitionId, JsonObject? input, string? correlationId,
        CancellationToken cancellationToken = default)
    {
        var instance = await instances.StartAsync(actor, definitionId, input, correlationId, cancellationToken);
        return instance is null ? null : await instances.ViewAsync(instance, cancellationToken);
    }

    /// <summary>
    /// Moves the unfinished instances of a version to another version of the definition (administrators only): each
    /// migrated, and audited, or refused with its reasons.
    /// </summary>
    public Task<BulkMigrationResult> MigrateInstancesAsync(ClaimsPrincipal actor, string definitionId, int fromVersion, int targetVersion,
        CancellationToken cancellationToken = default) =>
        instances.MigrateAllAsync(actor, definitionId, fromVersion, targetVersion, cancellationToken);

    /// <summary>Only the administrator changes definitions; the auditor reads them.</summary>
    static void EnsureAdministrator(ClaimsPrincipal actor)
    {
        if (!actor.IsInRole(PortalRoles.Admin))
            throw new UnauthorizedAccessException("只有系统管理员可以修改流程定义。");
    }

    /// <summary>Saves a definition as the draft (or a new draft version), publishing it too when asked and valid.</summary>
    public async Task<ImportResult> SaveAsync(ClaimsPrincipal actor, string json, bool publish, CancellationToken cancellationToken = default, VersionStamp? basedOn = null)
    {
        EnsureAdministrator(actor);
        var result = await definitions.ImportAsync(json, publish, cancellationToken, basedOn);
        if (!result.Unreadable && result.Conflict is null)
            await audit.RecordAsync(actor, "definition.import", $"{result.DefinitionId} v{result.Version}",
                $"{(result.IsPublished ? "已发布" : "草稿")}；校验问题 {result.Errors.Count} 个", cancellationToken);
        return result;
    }

    /// <summary>Publishes the latest version; with <paramref name="expectedVersion"/>, only when it is still the one the administrator saw.</summary>
    public async Task<(WorkflowDefinitionRecord? Version, IReadOnlyList<DefinitionProblem> Errors)> PublishAsync(ClaimsPrincipal actor, string definitionId,
        int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        var (version, errors) = await definitions.PublishAsync(definitionId, expectedVersion, cancellationToken);
        if (version is not null && errors.Count == 0)
            await audit.RecordAsync(actor, "definition.publish", $"{definitionId} v{version.Version}", null, cancellationToken);
        return (version, errors);
    }

    public async Task<WorkflowDefinitionRecord?> RetractAsync(ClaimsPrincipal actor, string definitionId, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        var retracted = await definitions.RetractAsync(definitionId, cancellationToken);
        if (retracted is not null)
            await audit.RecordAsync(actor, "definition.retract", $"{definitionId} v{retracted.Version}", null, cancellationToken);
        return retracted;
    }

    public async Task<ImportResult?> RevertAsync(ClaimsPrincipal actor, string definitionId, int version, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        var result = await definitions.RevertAsync(definitionId, version, cancellationToken);
        if (result is not null)
            await audit.RecordAsync(actor, "definition.revert", $"{definitionId} v{version} → v{result.Version}", "复制为草稿", cancellationToken);
        return result;
    }

    /// <inheritdoc cref="WorkflowDefinitionService.DuplicateAsync"/>
    public async Task<ImportResult?> DuplicateAsync(ClaimsPrincipal actor, string definitionId, string? newDefinitionId, string? newName, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        var result = await definitions.DuplicateAsync(definitionId, newDefinitionId, newName, cancellationToken);
        if (result is not null)
            await audit.RecordAsync(actor, "definition.duplicate", $"{definitionId} → {result.DefinitionId}", null, cancellationToken);
        return result;
    }

    /// <summary>
    /// Deletes the draft; refused when the start-up import would bring the shipped file back (the remaining versions
    /// would then be older than the file), since the deletion would not last.
    /// </summary>
    public async Task<(WorkflowDefinitionRecord? Deleted, string? Refusal)> DeleteDraftAsync(ClaimsPrincipal actor, string definitionId,
        int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        var shipped = await DefinitionFolderImporter.ShippedVersionAsync(PortalPaths.ShippedFolder("workflow-definitions", environment.ContentRootPath), definitionId, cancellationToken);
        if (shipped is { } fileVersion)
        {
            // Versions come ordered by number: what would remain is the one before the latest.
            var versions = await definitions.ListVersionsAsync(definitionId, cancellationToken);
            var remaining = versions.Count > 1 ? versions[^2].Version : 0;
            if (remaining < fileVersion)
                return (null, $"“{definitionId}”随系统提供（文件版本 v{fileVersion}）：删除此草稿后，下次启动会重新导入并发布它。请撤回发布，或在设计器中修改后另存。");
        }
        var (deleted, refusal) = await definitions.DeleteDraftAsync(definitionId, expectedVersion, cancellationToken);
        if (deleted is not null)
            await audit.RecordAsync(actor, "definition.delete-draft", $"{definitionId} v{deleted.Version}", null, cancellationToken);
        return (deleted, refusal);
    }
}
