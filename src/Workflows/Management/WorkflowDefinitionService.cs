using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Workflows.Management;

/// <summary>
/// Definitions and their versions (docs/workflow-format.md §6): import into a draft, publish, retract, export with exact
/// round-trip, and the compiled model of a version (cached).
/// </summary>
public sealed partial class WorkflowDefinitionService(
    IWorkflowDefinitionStore store, IInstanceQueries instances, DefinitionCompiler compiler, TimeProvider clock, ITimerStore timers, IServiceProvider services) : IWorkflowModels
{
    readonly ConcurrentDictionary<string, WorkflowModel> _models = new(StringComparer.Ordinal);

    /// <summary>Published version id per definition, re-read after a few seconds (another process may publish).</summary>
    readonly ConcurrentDictionary<string, (string? VersionId, DateTimeOffset ReadAt)> _published = new(StringComparer.Ordinal);

    static readonly TimeSpan PublishedCacheTime = TimeSpan.FromSeconds(5);

    public WorkflowModel Compile(JsonObject document) => compiler.Compile(document);

    /// <summary>
    /// Saves a definition (docs/workflow-format.md §6). With <paramref name="basedOn"/> (the latest version's id and save time when
    /// the editor opened it), nothing is saved when someone else saved the definition since: the result carries the
    /// conflict instead, so that two administrators do not overwrite each other's work.
    /// </summary>
    public async Task<ImportResult> ImportAsync(string text, bool publish, CancellationToken cancellationToken = default, VersionStamp? basedOn = null)
    {
        // Saves take turns: two at once would both read the same latest version and write the same next number. Another
        // node's save at the same moment is refused by the unique version number: this one reads again and saves after it.
        await _saving.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await ImportAsync(text, publish, basedOn, null, cancellationToken);
                }
                catch (Runtime.Stores.WorkflowConflictException) when (attempt < 5)
                {
                }
            }
        }
        finally
        {
            _saving.Release();
        }
    }

    readonly SemaphoreSlim _saving = new(1, 1);

    async Task<ImportResult> ImportAsync(string text, bool publish, VersionStamp? basedOn, HashSet<string>? updating, CancellationToken cancellationToken)
    {
        await EnsureActivityCatalogAsync(cancellationToken);
        var document = DefinitionJson.Parse(text, out var problem);
        if (document is null)
            return new ImportResult(null, 0, false, [problem!]) { Unreadable = true };

        var definitionId = Text(document["definitionId"]);
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            definitionId = Ulid.NewId(clock.GetUtcNow()).ToLowerInvariant();
            document["definitionId"] = definitionId;
        }
        if (!DefinitionIds.IsValid(definitionId))
            return new ImportResult(null, 0, false, [new DefinitionProblem("invalid-definition-id", "$.definitionId", null, DefinitionIds.Rule)]) { Unreadable = true };
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var latest = versions.LastOrDefault();
        if (basedOn is { } stamp && (latest is null ? stamp.VersionId is not null : latest.Id != stamp.VersionId || latest.UpdatedAt != stamp.UpdatedAt))
            return new ImportResult(definitionId, latest?.Version ?? 0, latest?.IsPublished ?? false, [])
            {
                Conflict = latest is null
                    ? $"流程定义“{definitionId}”已被删除。"
                    : $"流程定义“{definitionId}”已被他人修改（最新为版本 {latest.Version}，保存于 {latest.UpdatedAt:yyyy-MM-dd HH:mm:ss}），本次未保存；请重新打开后再修改。",
            };
        var now = clock.GetUtcNow();
        var changed = new List<WorkflowDefinitionRecord>();
        WorkflowDefinitionRecord record;
        if (latest is not null && !latest.IsPublished && !await HasInstancesAsync(latest, cancellationToken))
        {
            record = latest;
            record.UpdatedAt = now;
        }
        else
        {
            var requestedId = Text(document["id"]);
            var id = requestedId is not null && await store.FindByVersionIdAsync(requestedId, cancellationToken) is null
                ? requestedId
                : Ulid.NewId(now).ToLowerInvariant();
            record = new WorkflowDefinitionRecord
            {
                Id = id,
                DefinitionId = definitionId,
                Version = (latest?.Version ?? 0) + 1,
                Json = "",
                CreatedAt = now,
                UpdatedAt = now,
                IsLatest = true,
            };
            if (latest is not null)
            {
                latest.IsLatest = false;
                changed.Add(latest);
            }
        }
        document["id"] = record.Id;
        document["version"] = record.Version;
        var model = compiler.Compile(document);
        record.Json = DefinitionJson.Write(document);
        record.Name = Text(document["name"]);
        record.ProblemCount = model.Problems.Count;
        changed.Add(record);
        var problems = model.Problems;
        if (publish && model.IsValid)
        {
            problems = await TriggerConflictsAsync(model, cancellationToken);
            if (problems.Count == 0)
                changed.AddRange(MarkPublished(record, versions));
        }
        await store.SaveAsync(changed.DistinctBy(r => r.Id).ToList(), cancellationToken);
        _models.TryRemove(record.Id, out _);
        _published.TryRemove(definitionId, out _);
        await RefreshActivityCatalogAsync(definitionId, cancellationToken);
        if (record.IsPublished)
        {
            Interlocked.Increment(ref _publications);
            await ArmScheduledTriggersAsync(model, cancellationToken);
            await UpdateConsumersAsync(definitionId, updating, cancellationToken);
        }
        return new ImportResult(definitionId, record.Version, record.IsPublished, problems);
    }

    async Task<bool> HasInstancesAsync(WorkflowDefinitionRecord version, CancellationToken cancellationToken) =>
        (await instances.CountInstancesByVersionAsync(version.DefinitionId, cancellationToken)).GetValueOrDefault(version.Id) > 0;

    /// <summary>Publishes the latest version when it validates; returns its problems otherwise (nothing changes then).</summary>
    public async Task<(WorkflowDefinitionRecord? Version, IReadOnlyList<DefinitionProblem> Errors)> PublishAsync(string definitionId, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await _saving.WaitAsync(cancellationToken);
        try
        {
            return await PublishLatestAsync(definitionId, expectedVersion, cancellationToken);
        }
        finally
        {
            _saving.Release();
        }
    }

    async Task<(WorkflowDefinitionRecord? Version, IReadOnlyList<DefinitionProblem> Errors)> PublishLatestAsync(string definitionId, int? expectedVersion, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var latest = versions.LastOrDefault(v => v.IsLatest) ?? versions.LastOrDefault();
        if (latest is null)
            return (null, []);
        if (expectedVersion is { } expected && latest.Version != expected)
            return (latest, [new DefinitionProblem(DefinitionProblem.VersionChanged, "$.version", null, $"最新版本已是 v{latest.Version}（不是 v{expected}），可能刚被他人修改；请刷新后再发布。")]);
        await EnsureActivityCatalogAsync(cancellationToken);
        var model = compiler.Compile(ParseStored(latest.Json));
        if (!model.IsValid)
            return (latest, model.Problems);
        if (await TriggerConflictsAsync(model, cancellationToken) is { Count: > 0 } conflicts)
            return (latest, conflicts);
        await store.SaveFlagsAsync(MarkPublished(latest, versions).DistinctBy(r => r.Id).ToList(), cancellationToken);
        _published.TryRemove(definitionId, out _);
        await RefreshActivityCatalogAsync(definitionId, cancellationToken);
        await UpdateConsumersAsync(definitionId, null, cancellationToken);
        Interlocked.Increment(ref _publications);
        await ArmScheduledTriggersAsync(model, cancellationToken);
        return (latest, []);
    }

    /// <summary>Un-publishes the published version; null when nothing is published.</summary>
    public async Task<WorkflowDefinitionRecord?> RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var published = await store.FindPublishedAsync(definitionId, cancellationToken);
        if (published is null)
            return null;
        published.IsPublished = false;
        published.UpdatedAt = clock.GetUtcNow();
        await store.SaveFlagsAsync([published], cancellationToken);
        _published.TryRemove(definitionId, out _);
        await RefreshActivityCatalogAsync(definitionId, cancellationToken);
        Interlocked.Increment(ref _publications);
        return published;
    }

    /// <summary>
    /// Copies an older version into the draft (docs/workflow-format.md §6: updates the draft in place, or creates draft n+1 when
    /// the latest version is published); null when the version does not exist.
    /// </summary>
    public async Task<ImportResult?> RevertAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        var source = (await store.ListVersionsAsync(definitionId, cancellationToken)).FirstOrDefault(v => v.Version == version);
        if (source is null)
            return null;
        var document = ParseStored(source.Json);
        document.Remove("id");
        return await ImportAsync(DefinitionJson.Write(document), publish: false, cancellationToken);
    }

    /// <summary>
    /// Copies the latest version into a new definition (version 1, a draft) under a new id and name;
    /// null when the source does not exist. Throws <see cref="InvalidOperationException"/> when the new id is taken.
    /// </summary>
    public async Task<ImportResult?> DuplicateAsync(string definitionId, string? newDefinitionId, string? newName, CancellationToken cancellationToken = default)
    {
        var source = await FindAsync(definitionId, VersionSelector.Latest, cancellationToken);
        if (source is null)
            return null;
        newDefinitionId = string.IsNullOrWhiteSpace(newDefinitionId) ? $"{definitionId}-copy-{Ulid.NewId(clock.GetUtcNow()).ToLowerInvariant()[^6..]}" : newDefinitionId.Trim();
        if (!DefinitionIds.IsValid(newDefinitionId))
            throw new ArgumentException(DefinitionIds.Rule, nameof(newDefinitionId));
        if ((await store.ListVersionsAsync(newDefinitionId, cancellationToken)).Count > 0)
            throw new InvalidOperationException($"流程定义“{newDefinitionId}”已存在。");
        var document = ParseStored(source.Json);
        document.Remove("id");
        document["definitionId"] = newDefinitionId;
        document["version"] = 1;
        document["name"] = string.IsNullOrWhiteSpace(newName) ? $"{source.Name ?? definitionId}（副本）" : newName.Trim();
        return await ImportAsync(DefinitionJson.Write(document), publish: false, cancellationToken);
    }

    /// <summary>Why a draft cannot be deleted, or null when it can (the latest version, unpublished, with no instance).</summary>
    public async Task<(WorkflowDefinitionRecord? Draft, string? Refusal)> FindDeletableDraftAsync(string definitionId, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var latest = await FindAsync(definitionId, VersionSelector.Latest, cancellationToken);
        if (latest is null)
            return (null, null);
        if (expectedVersion is { } expected && latest.Version != expected)
            return (latest, $"最新版本已是 v{latest.Version}（不是 v{expected}），可能刚被他人修改；请刷新后再操作。");
        if (latest.IsPublished)
            return (latest, $"版本 {latest.Version} 已发布，不是草稿；先撤回发布。");
        if (await HasInstancesAsync(latest, cancellationToken))
            return (latest, $"版本 {latest.Version} 已有流程实例在运行或运行过，不能删除。");
        return (latest, null);
    }

    /// <summary>Deletes the draft (the latest version when unpublished and never run); the version before it becomes the latest.</summary>
    public async Task<(WorkflowDefinitionRecord? Deleted, string? Refusal)> DeleteDraftAsync(string definitionId, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var (draft, refusal) = await FindDeletableDraftAsync(definitionId, expectedVersion, cancellationToken);
        if (draft is null || refusal is not null)
            return (null, refusal);
        var previous = (await store.ListVersionsAsync(definitionId, cancellationToken)).Where(v => v.Version < draft.Version).OrderBy(v => v.Version).LastOrDefault();
        if (previous is not null)
        {
            previous.IsLatest = true;
            previous.UpdatedAt = clock.GetUtcNow();
        }
        await store.DeleteAsync(draft, previous is null ? [] : [previous], cancellationToken);
        _models.TryRemove(draft.Id, out _);
        _published.TryRemove(definitionId, out _);
        await RefreshActivityCatalogAsync(definitionId, cancellationToken);
        return (draft, null);
    }

    List<WorkflowDefinitionRecord> MarkPublished(WorkflowDefinitionRecord target, IEnumerable<WorkflowDefinitionRecord> versions)
    {
        var changed = new List<WorkflowDefinitionRecord>();
        foreach (var other in versions.Where(v => v.IsPublished && v.Id != target.Id))
        {
            other.IsPublished = false;
            changed.Add(other);
        }
        target.IsPublished = true;
        target.UpdatedAt = clock.GetUtcNow();
        changed.Add(target);
        return changed;
    }

    public async Task<WorkflowDefinitionRecord?> FindAsync(string definitionId, VersionSelector selector, CancellationToken cancellationToken = default)
    {
        if (selector == VersionSelector.Published)
            return await store.FindPublishedAsync(definitionId, cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        return selector == VersionSelector.Latest
            ? versions.LastOrDefault(v => v.IsLatest) ?? versions.LastOrDefault()
            : versions.FirstOrDefault(v => v.Version == selector.Number);
    }

    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default) =>
        store.ListVersionsAsync(definitionId, cancellationToken);

    public Task<(IReadOnlyList<(WorkflowDefinitionRecord Latest, int? PublishedVersion)> Items, int TotalCount)> ListAsync(int page, int pageSize, CancellationToken cancellationToken = default) =>
        store.ListLatestAsync(page, pageSize, cancellationToken);

    /// <summary>The definition JSON of a version as exported: the saved JSON with the server-owned fields set.</summary>
    public static JsonObject Export(WorkflowDefinitionRecord record)
    {
        var document = ParseStored(record.Json);
        document["id"] = record.Id;
        document["definitionId"] = record.DefinitionId;
        document["version"] = record.Version;
        document["isLatest"] = record.IsLatest;
        document["isPublished"] = record.IsPublished;
        if (!document.ContainsKey("createdAt"))
            document["createdAt"] = record.CreatedAt;
        return document;
    }

    public async Task<WorkflowModel?> GetModelAsync(string versionId, CancellationToken cancellationToken = default)
    {
        if (_models.TryGetValue(versionId, out var cached))
            return cached;
        await EnsureActivityCatalogAsync(cancellationToken);
        var record = await store.FindByVersionIdAsync(versionId, cancellationToken);
        if (record is null)
            return null;
        var model = compiler.Compile(Export(record));
        // Drafts may still change in place; only versions that can no longer change are cached.
        if (record.IsPublished || !record.IsLatest)
            _models[versionId] = model;
        return model;
    }

    public async Task<WorkflowModel?> GetPublishedModelAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (!_published.TryGetValue(definitionId, out var entry) || now - entry.ReadAt > PublishedCacheTime || now < entry.ReadAt)
        {
            var before = _published.ContainsKey(definitionId) ? entry.VersionId : null;
            entry = ((await store.FindPublishedAsync(definitionId, cancellationToken))?.Id, now);
            // Another node published meanwhile (this one forgets its entry when it publishes): what it published may use,
            // or be, a workflow activity this node's catalogue does not know yet.
            if (before is not null && before != entry.VersionId)
                await ReloadActivityCatalogAsync(cancellationToken);
            _published[definitionId] = entry;
        }
        return entry.VersionId is null ? null : await GetModelAsync(entry.VersionId, cancellationToken);
    }

    public async Task<WorkflowModel?> GetVersionModelAsync(string definitionId, int version, CancellationToken cancellationToken = default) =>
        await FindAsync(definitionId, new VersionSelector("number", version), cancellationToken) is { } record ? await GetModelAsync(record.Id, cancellationToken) : null;

    public async Task<WorkflowModel?> GetLatestModelAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var latest = await FindAsync(definitionId, VersionSelector.Latest, cancellationToken);
        return latest is null ? null : await GetModelAsync(latest.Id, cancellationToken);
    }

    /// <summary>A published version's cron triggers start it at their next occurrence (timer rows, kept over restarts).</summary>
    async Task ArmScheduledTriggersAsync(WorkflowModel model, CancellationToken cancellationToken)
    {
        foreach (var timer in ScheduledTriggers.Schedule(model, clock.GetUtcNow(), services))
            await timers.AddTimerIfAbsentAsync(timer, cancellationToken);
    }

    long _publications;

    /// <summary>Grows with every publish and retract in this process (the HTTP route table refreshes on it).</summary>
    public long Publications => Interlocked.Read(ref _publications);

    /// <summary>The published version of every definition, compiled.</summary>
    public async Task<IReadOnlyList<WorkflowModel>> ListPublishedModelsAsync(CancellationToken cancellationToken = default)
    {
        var models = new List<WorkflowModel>();
        foreach (var (_, versionId) in await store.ListPublishedAsync(cancellationToken))
        {
            if (await GetModelAsync(versionId, cancellationToken) is { } model)
                models.Add(model);
        }
        return models;
    }

    /// <summary>
    /// An HTTP endpoint that starts the definition may not answer a path and method another published definition's
    /// trigger already answers (Elsa refuses the publication the same way).
    /// </summary>
    async Task<IReadOnlyList<DefinitionProblem>> TriggerConflictsAsync(WorkflowModel model, CancellationToken cancellationToken)
    {
        var routes = Activities.Http.HttpTriggers.Of(model);
        if (routes.Count == 0)
            return [];
        var taken = (await ListPublishedModelsAsync(cancellationToken))
            .Where(m => m.DefinitionId != model.DefinitionId)
            .SelectMany(m => Activities.Http.HttpTriggers.Of(m).Select(r => (Model: m, Route: r)))
            .ToList();
        var problems = new List<DefinitionProblem>();
        foreach (var route in routes)
        {
            foreach (var method in route.Methods)
            {
                var other = taken.FirstOrDefault(t => t.Route.Methods.Contains(method) &&
                    string.Equals(Activities.Http.HttpRoute.Stimulus(t.Route.Path), Activities.Http.HttpRoute.Stimulus(route.Path), StringComparison.Ordinal));
                if (other.Model is null)
                    continue;
                var activity = model.Activities[route.ActivityId];
                problems.Add(new DefinitionProblem("http-route-in-use", null, route.ActivityId,
                    $"活动“{activity.DisplayName}”：路径 /{route.Path} 与方法 {method} 已被另一流程（{other.Model.Name ?? other.Model.DefinitionId}）使用。"));
            }
        }
        return problems;
    }

    static JsonObject ParseStored(string json) => (JsonObject)JsonNode.Parse(json)!;

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
