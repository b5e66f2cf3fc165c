using System.Text.Json.Nodes;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Workflows.Runtime;

/// <summary>Builds the instance JSON of docs/workflow-format.md §7 (enums as strings, times in the bureau's time zone).</summary>
public sealed class WorkflowInstanceView(IInstanceQueries store, Microsoft.Extensions.Options.IOptions<WorkflowOptions> options)
{
    readonly TimeZoneInfo _zone = FindZone(options.Value.TimeZone);

    static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);
        }
    }

    public async Task<JsonObject?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await store.FindAsync(instanceId, cancellationToken);
        return record is null ? null : await BuildAsync(record, cancellationToken);
    }

    public async Task<JsonObject> BuildAsync(WorkflowInstanceRecord record, CancellationToken cancellationToken = default)
    {
        var bookmarks = await store.GetBookmarksAsync(record.Id, cancellationToken);
        var incidents = await store.GetIncidentsAsync(record.Id, cancellationToken);
        var journal = await store.GetJournalAsync(record.Id, cancellationToken);
        var state = WorkflowState.Deserialize(record.StateJson);
        var view = Summary(record);
        view["variables"] = new JsonObject(state.Variables.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone())));
        view["input"] = JsonNode.Parse(record.InputJson);
        view["output"] = JsonNode.Parse(record.OutputJson);
        view["bookmarks"] = new JsonArray(bookmarks.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = b.Id,
            ["name"] = b.Name,
            ["activityId"] = b.ActivityId,
            ["payload"] = JsonNode.Parse(b.PayloadJson),
            ["createdAt"] = Time(b.CreatedAt),
        }).ToArray());
        view["incidents"] = new JsonArray(incidents.Select(i => (JsonNode)new JsonObject
        {
            ["activityId"] = i.ActivityId,
            ["activityType"] = i.ActivityType,
            ["code"] = i.Code,
            ["message"] = i.Message,
            ["at"] = Time(i.At),
        }).ToArray());
        view["journal"] = new JsonArray(journal.Select(j => (JsonNode)new JsonObject
        {
            ["sequence"] = j.Sequence,
            ["timestamp"] = Time(j.Timestamp),
            ["activityId"] = j.ActivityId,
            ["activityType"] = j.ActivityType,
            ["event"] = j.Event,
            ["outcomes"] = JsonNode.Parse(j.OutcomesJson),
            ["data"] = JsonNode.Parse(j.DataJson),
        }).ToArray());
        view["activities"] = new JsonObject(state.Activities.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)new JsonObject
        {
            ["status"] = a.Value.Status,
            ["executions"] = a.Value.Executions,
        })));
        return view;
    }

    /// <summary>The list form of an instance (no journal).</summary>
    public JsonObject Summary(WorkflowInstanceRecord record) => new()
    {
        ["id"] = record.Id,
        ["definitionId"] = record.DefinitionId,
        ["definitionVersion"] = record.DefinitionVersion,
        ["definitionVersionId"] = record.DefinitionVersionId,
        ["name"] = record.Name,
        ["correlationId"] = record.CorrelationId,
        ["status"] = record.Status,
        ["subStatus"] = record.SubStatus,
        ["createdAt"] = Time(record.CreatedAt),
        ["updatedAt"] = Time(record.UpdatedAt),
        ["finishedAt"] = record.FinishedAt is { } f ? Time(f) : null,
    };

    public string Time(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, _zone).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz");
}
