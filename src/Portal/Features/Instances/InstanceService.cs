using System.Security.Claims;
using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Portal.Features.Audit;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Features.Instances;

/// <summary>
/// The instances feature's one way into the engine and the casework: the instances with their diagram and journal,
/// who may see them, the instance JSON of the API, and the administrative actions on running instances, audited. The
/// instance viewer, the instances and events API, and the designer's and the definitions' manual starts go through here.
/// </summary>
public sealed class InstanceService(WorkflowRuntime runtime, AuditLog audit, IInstanceQueries instances, WorkflowInstanceView view, CaseQueries cases,
    DiagramLoader diagrams, IWorkflowDefinitionStore definitions)
{
    /// <summary>Starts the published version of a definition by hand (API, designer); null when none is published.</summary>
    public async Task<WorkflowInstanceRecord?> StartAsync(ClaimsPrincipal actor, string definitionId, JsonObject? input, string? correlationId,
        CancellationToken cancellationToken = default)
    {
        var instance = await runtime.StartAsync(definitionId, input, correlationId, cancellationToken);
        if (instance is not null)
            await audit.RecordAsync(actor, "instance.start", $"{definitionId} {instance.Id}",
                $"版本 {instance.DefinitionVersion}{(correlationId is null ? "" : $"；关联号 {correlationId}")}；{instance.SubStatus}", cancellationToken);
        return instance;
    }

    /// <summary>Cancels the instance (null when it does not exist); <see cref="WorkflowConflictException"/> when it moved on meanwhile.</summary>
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

    /// <summary>
    /// Moves the instance to another version of its definition (null when the instance does not exist): migrated, or
    /// refused with every reason; a migration is audited with the versions it moved between.
    /// <see cref="WorkflowConflictException"/> when the instance changed meanwhile.
    /// </summary>
    public async Task<MigrationResult?> MigrateAsync(ClaimsPrincipal actor, string instanceId, int targetVersion, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        var result = await runtime.MigrateAsync(instanceId, targetVersion, cancellationToken);
        if (result is { Migrated: true, Instance: { } instance })
            await AuditMigrationAsync(actor, instance, result, cancellationToken);
        return result;
    }

    /// <summary>
    /// Moves every instance of the definition on <paramref name="fromVersion"/> that has not ended to
    /// <paramref name="targetVersion"/>: each migrated (and audited) or refused with its reasons.
    /// </summary>
    public async Task<BulkMigrationResult> MigrateAllAsync(ClaimsPrincipal actor, string definitionId, int fromVersion, int targetVersion,
        CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        var bulk = await runtime.MigrateAllAsync(definitionId, fromVersion, targetVersion, cancellationToken);
        foreach (var result in bulk.Instances)
        {
            if (result is { Migrated: true, Instance: { } instance })
                await AuditMigrationAsync(actor, instance, result, cancellationToken);
        }
        if (bulk.Refusals.Count == 0)
            await audit.RecordAsync(actor, "instance.migrate-all", $"{definitionId} v{fromVersion} → v{targetVersion}",
                $"已迁移 {bulk.MigratedCount} 个，未迁移 {bulk.RefusedCount} 个", cancellationToken);
        return bulk;
    }

    /// <summary>The versions of the instance's definition, by number (the versions a migration may choose from).</summary>
    public Task<IReadOnlyList<WorkflowDefinitionRecord>> VersionsAsync(string definitionId, CancellationToken cancellationToken = default) =>
        definitions.ListVersionsAsync(definitionId, cancellationToken);

    static void EnsureAdministrator(ClaimsPrincipal actor)
    {
        if (!actor.IsInRole(Data.PortalRoles.Admin))
            throw new UnauthorizedAccessException("只有系统管理员可以迁移流程实例。");
    }

    Task AuditMigrationAsync(ClaimsPrincipal actor, WorkflowInstanceRecord instance, MigrationResult result, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, "instance.migrate", $"{instance.DefinitionId} {instance.Id}", $"版本 {result.FromVersion} → {result.ToVersion}", cancellationToken);

    /// <summary>Resumes every wait on the event that matches (by correlation id or instance); the instances resumed.</summary>
    public Task<IReadOnlyList<string>> TriggerEventAsync(string eventName, string? correlationId, string? instanceId, JsonNode? input, CancellationToken cancellationToken = default) =>
        runtime.TriggerEventAsync(eventName, correlationId, instanceId, input, cancellationToken);

    public Task<WorkflowInstanceRecord?> FindAsync(string instanceId, CancellationToken cancellationToken = default) =>
        instances.FindAsync(instanceId, cancellationToken);

    /// <summary>The instances matching the query, in their list form (no journal), a page at a time.</summary>
    public async Task<(IReadOnlyList<JsonObject> Items, int TotalCount)> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        var (items, total) = await instances.QueryAsync(query, cancellationToken);
        return (items.Select(view.Summary).ToList(), total);
    }

    /// <summary>The instance JSON of docs/workflow-format.md §7: bookmarks, incidents, journal, activities.</summary>
    public Task<JsonObject> ViewAsync(WorkflowInstanceRecord instance, CancellationToken cancellationToken = default) =>
        view.BuildAsync(instance, cancellationToken);

    /// <summary>What a party reads of an instance: status, dates, and the stages and documents of its case file.</summary>
    public JsonObject PartyView(WorkflowInstanceRecord instance, CaseDetails file) => view.PartyView(instance, file);

    /// <summary>Whether the viewer may see the case the instance belongs to (instances and journals follow their case).</summary>
    public Task<bool> CanSeeAsync(CaseViewer viewer, WorkflowInstanceRecord instance, CancellationToken cancellationToken = default) =>
        cases.CanSeeInstanceAsync(viewer, instance, cancellationToken);

    /// <summary>The file of the instance's case as the viewer may see it; null when there is none.</summary>
    public Task<CaseDetails?> CaseFileAsync(CaseViewer viewer, string caseId, CancellationToken cancellationToken = default) =>
        cases.GetAsync(viewer, caseId, cancellationToken);

    /// <summary>The instance, the definition version it runs on, its diagram with the path taken, and its journal; null when it does not exist.</summary>
    public Task<(WorkflowInstanceRecord Instance, WorkflowDefinitionRecord Version, FlowDiagram Diagram, IReadOnlyList<JournalRecord> Journal)?> DiagramAsync(
        string instanceId, CancellationToken cancellationToken = default, string? scope = null) =>
        diagrams.LoadAsync(instanceId, cancellationToken, scope);

    /// <summary>At most this many sub-processes are shown under an instance.</summary>
    const int MaxChildPaths = 20;

    /// <summary>
    /// The inner path of an instance: each sub-process its journal names (a workflow used as an activity, ExecuteWorkflow),
    /// with the activity that ran it, its definition, the names of its activities and its own journal.
    /// </summary>
    public async Task<IReadOnlyList<ChildPath>> ChildPathsAsync(IReadOnlyList<JournalRecord> journal, CancellationToken cancellationToken = default)
    {
        var result = new List<ChildPath>();
        var children = journal.Select(j => (j.ActivityId, ChildId: ChildInstanceOf(j.DataJson))).Where(c => c.ChildId is not null).DistinctBy(c => c.ChildId);
        foreach (var (activityId, childId) in children.Take(MaxChildPaths))
        {
            if (await diagrams.LoadAsync(childId!, cancellationToken) is not { } child)
                continue;
            result.Add(new ChildPath(activityId, child.Instance, child.Version, child.Diagram.Nodes.ToDictionary(n => n.Id, n => n.Name), child.Journal));
        }
        return result;
    }

    /// <summary>The sub-process a journal entry names (<c>childInstanceId</c> in its data), if any.</summary>
    public static string? ChildInstanceOf(string? dataJson) =>
        string.IsNullOrEmpty(dataJson) || !dataJson.Contains("childInstanceId", StringComparison.Ordinal)
            ? null
            : JsonNode.Parse(dataJson)?["childInstanceId"] is JsonValue v && v.TryGetValue<string>(out var id) && id.Length > 0 ? id : null;
}

/// <summary>A sub-process of an instance as the viewer shows it: which activity ran it, and what ran inside it.</summary>
public sealed record ChildPath(string ActivityId, WorkflowInstanceRecord Instance, WorkflowDefinitionRecord Version,
    IReadOnlyDictionary<string, string> Names, IReadOnlyList<JournalRecord> Journal);
