using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Management;

/// <summary>
/// Definitions usable as activities: the catalogue the compiler and the designer read (loaded once, then kept current on
/// every save, publish, retract and delete here, and read again when another node's publication is noticed), and the consumers that follow a newly published version
/// (<c>options.autoUpdateConsumingWorkflows</c>, as Elsa's reference updater).
/// </summary>
public sealed partial class WorkflowDefinitionService
{
    readonly SemaphoreSlim _catalogLoad = new(1, 1);
    volatile bool _catalogLoaded;

    WorkflowActivityCatalog Catalog => compiler.Registry.Workflows;

    /// <summary>Loads every stored definition usable as an activity into the registry (once per process).</summary>
    public async Task EnsureActivityCatalogAsync(CancellationToken cancellationToken = default)
    {
        if (!_catalogLoaded)
            await LoadActivityCatalogAsync(onlyIfUnloaded: true, cancellationToken);
    }

    /// <summary>Reads the whole catalogue again (another node changed what is published).</summary>
    Task ReloadActivityCatalogAsync(CancellationToken cancellationToken) => LoadActivityCatalogAsync(onlyIfUnloaded: false, cancellationToken);

    async Task LoadActivityCatalogAsync(bool onlyIfUnloaded, CancellationToken cancellationToken)
    {
        await _catalogLoad.WaitAsync(cancellationToken);
        try
        {
            if (onlyIfUnloaded && _catalogLoaded)
                return;
            foreach (var definitionId in await AllDefinitionIdsAsync(cancellationToken))
                SetCatalog(definitionId, await store.ListVersionsAsync(definitionId, cancellationToken));
            _catalogLoaded = true;
        }
        finally
        {
            _catalogLoad.Release();
        }
    }

    async Task RefreshActivityCatalogAsync(string definitionId, CancellationToken cancellationToken)
    {
        if (!_catalogLoaded)
            await EnsureActivityCatalogAsync(cancellationToken);
        else
            SetCatalog(definitionId, await store.ListVersionsAsync(definitionId, cancellationToken));
    }

    void SetCatalog(string definitionId, IReadOnlyList<WorkflowDefinitionRecord> versions)
    {
        var before = Catalog.FindByDefinition(definitionId);
        Catalog.SetDefinition(definitionId, versions.Select(v => (ParseStored(v.Json), v.Id, v.Version, v.IsPublished, v.IsLatest)));
        // Consumers resolve their workflow activities when compiled: what was compiled against the old catalogue is dropped.
        if (before is not null || Catalog.FindByDefinition(definitionId) is not null)
            _models.Clear();
    }

    async Task<List<string>> AllDefinitionIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var (items, total) = await store.ListLatestAsync(page, 200, cancellationToken);
            ids.AddRange(items.Select(i => i.Latest.DefinitionId));
            if (items.Count == 0 || ids.Count >= total)
                return ids;
        }
    }

    /// <summary>
    /// The definitions whose latest version uses <paramref name="definitionId"/> as an activity, directly or through
    /// other definitions (Elsa's consumers, transitive); null when the definition does not exist.
    /// </summary>
    public async Task<IReadOnlyList<string>?> FindConsumersAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await EnsureActivityCatalogAsync(cancellationToken);
        if ((await store.ListVersionsAsync(definitionId, cancellationToken)).Count == 0)
            return null;
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var id in await AllDefinitionIdsAsync(cancellationToken))
        {
            var latest = await FindAsync(id, VersionSelector.Latest, cancellationToken);
            if (latest is not null)
                uses[id] = UsedDefinitions(ParseStored(latest.Json)["root"]);
        }
        var result = new List<string>();
        var pending = new Queue<string>([definitionId]);
        while (pending.TryDequeue(out var used))
        {
            foreach (var (consumer, _) in uses.Where(u => u.Value.Contains(used) && u.Key != definitionId && !result.Contains(u.Key)))
            {
                result.Add(consumer);
                pending.Enqueue(consumer);
            }
        }
        return result;
    }

    HashSet<string> UsedDefinitions(JsonNode? node)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in WorkflowActivityNodes(node))
        {
            if (Catalog.Resolve(activity)?.DefinitionId is { } id)
                used.Add(id);
            else if (Text(activity["workflowDefinitionId"]) is { } named)
                used.Add(named);
        }
        return used;
    }

    /// <summary>Every node below <paramref name="node"/> that names a workflow definition (not descending into them).</summary>
    static IEnumerable<JsonObject> WorkflowActivityNodes(JsonNode? node)
    {
        if (node is not JsonObject obj)
            yield break;
        if (obj.ContainsKey("workflowDefinitionId"))
        {
            yield return obj;
            yield break;
        }
        if (obj["activities"] is JsonArray children)
        {
            foreach (var child in children)
                foreach (var found in WorkflowActivityNodes(child))
                    yield return found;
        }
        foreach (var (key, value) in obj)
        {
            if (key != "activities" && value is JsonObject nested && nested.ContainsKey("type"))
                foreach (var found in WorkflowActivityNodes(nested))
                    yield return found;
        }
    }

    /// <summary>
    /// After a version of a definition usable as an activity with <c>autoUpdateConsumingWorkflows</c> is published, the
    /// latest version of each consumer is pointed at it: a draft is updated (or a new draft made), a published latest
    /// version is followed by a new published version; consumers that are providers themselves pass it on.
    /// </summary>
    async Task UpdateConsumersAsync(string definitionId, HashSet<string>? updating, CancellationToken cancellationToken)
    {
        if (Catalog.FindByDefinition(definitionId) is not { IsPublished: true, AutoUpdateConsumers: true } provider)
            return;
        updating ??= new HashSet<string>(StringComparer.Ordinal);
        if (!updating.Add(definitionId))
            return;
        foreach (var consumerId in await AllDefinitionIdsAsync(cancellationToken))
        {
            if (updating.Contains(consumerId))
                continue;
            var latest = await FindAsync(consumerId, VersionSelector.Latest, cancellationToken);
            if (latest is null)
                continue;
            var document = ParseStored(latest.Json);
            var changed = false;
            foreach (var node in WorkflowActivityNodes(document["root"]))
            {
                if (Text(node["workflowDefinitionId"]) != provider.DefinitionId || Text(node["workflowDefinitionVersionId"]) == provider.VersionId)
                    continue;
                node["workflowDefinitionVersionId"] = provider.VersionId;
                node["version"] = provider.Version;
                node["latestAvailablePublishedVersion"] = provider.Version;
                node["latestAvailablePublishedVersionId"] = provider.VersionId;
                changed = true;
            }
            if (changed)
                await ImportAsync(DefinitionJson.Write(document), latest.IsPublished, null, updating, cancellationToken);
        }
    }
}
