using System.Text.Json.Nodes;
using Justice.Workflows.Activities.Http;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Workflows.Management;

/// <summary>A published definition's HTTP endpoint that starts it, matched by a request.</summary>
public sealed record HttpTriggerMatch(string DefinitionId, HttpEndpointRoute Route, IReadOnlyDictionary<string, string> RouteValues);

/// <summary>A waiting instance's HTTP endpoint bookmark, matched by a request.</summary>
public sealed record HttpBookmarkMatch(string BookmarkId, string InstanceId, string ActivityId, bool Authorize, string? Policy, long? RequestSizeLimit,
    IReadOnlyDictionary<string, string> RouteValues);

/// <summary>
/// Which workflows a request to <c>/workflows/{path}</c> reaches: the published definitions whose trigger endpoint
/// matches path and method (they start), else the instances waiting on a matching endpoint (they resume), narrowed
/// to one instance or correlation id when the request names it. The published endpoints are re-read after a publish
/// or retract in this process, and every few seconds (another process may publish).
/// </summary>
public sealed class HttpRouteTable(WorkflowDefinitionService definitions, IBookmarkStore bookmarks, TimeProvider clock)
{
    static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);

    sealed record Entry(string DefinitionId, HttpEndpointRoute Route, bool IsTrigger);

    /// <summary>One reading of the published endpoints, swapped whole (requests read it concurrently).</summary>
    sealed record Snapshot(long Publications, DateTimeOffset ReadAt, IReadOnlyList<Entry> Entries);

    volatile Snapshot? _cache;

    public async Task<IReadOnlyList<HttpTriggerMatch>> FindTriggersAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        var entries = await EntriesAsync(cancellationToken);
        return [.. entries.Where(e => e.IsTrigger && e.Route.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            .Select(e => (Entry: e, Values: HttpRoute.Match(e.Route.Path, path)))
            .Where(m => m.Values is not null)
            .Select(m => new HttpTriggerMatch(m.Entry.DefinitionId, m.Entry.Route, m.Values!))];
    }

    public async Task<IReadOnlyList<HttpBookmarkMatch>> FindBookmarksAsync(string path, string method, string? instanceId, string? correlationId,
        CancellationToken cancellationToken = default)
    {
        var entries = await EntriesAsync(cancellationToken);
        // The templates the path matches (route parameters), and the path itself (an endpoint of an older version).
        var templates = entries.Select(e => e.Route.Path).Where(t => HttpRoute.Match(t, path) is not null).Append(HttpRoute.Normalize(path))
            .DistinctBy(HttpRoute.Stimulus).ToList();
        var found = new List<HttpBookmarkMatch>();
        foreach (var template in templates)
        {
            var hash = WorkflowExecutionContext.BookmarkHash(HttpEndpoint.TypeName, HttpRoute.Stimulus(template));
            foreach (var bookmark in await bookmarks.FindBookmarksAsync(hash, correlationId, instanceId, cancellationToken))
            {
                var payload = JsonNode.Parse(bookmark.PayloadJson) as JsonObject ?? [];
                var methods = (payload["methods"] as JsonArray)?.Select(m => m?.GetValue<string>() ?? "").ToList() ?? ["GET"];
                if (!methods.Contains(method, StringComparer.OrdinalIgnoreCase))
                    continue;
                found.Add(new HttpBookmarkMatch(bookmark.Id, bookmark.InstanceId, bookmark.ActivityId,
                    payload["authorize"] is JsonValue a && a.TryGetValue<bool>(out var authorize) && authorize,
                    payload["policy"] is JsonValue p && p.TryGetValue<string>(out var policy) && !string.IsNullOrWhiteSpace(policy) ? policy : null,
                    payload["requestSizeLimit"] is JsonValue l && l.TryGetValue<long>(out var limit) ? limit : null,
                    HttpRoute.Match(template, path) ?? []));
            }
        }
        return found.DistinctBy(b => b.BookmarkId).ToList();
    }

    async Task<IReadOnlyList<Entry>> EntriesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache is { } cache && cache.Publications == definitions.Publications && now - cache.ReadAt < RefreshAfter && now >= cache.ReadAt)
            return cache.Entries;
        var publications = definitions.Publications;
        var entries = new List<Entry>();
        foreach (var model in await definitions.ListPublishedModelsAsync(cancellationToken))
        {
            var triggers = HttpTriggers.Of(model).Select(r => r.ActivityId).ToHashSet(StringComparer.Ordinal);
            entries.AddRange(HttpTriggers.All(model).Select(r => new Entry(model.DefinitionId, r, triggers.Contains(r.ActivityId))));
        }
        _cache = new Snapshot(publications, now, entries);
        return entries;
    }
}
