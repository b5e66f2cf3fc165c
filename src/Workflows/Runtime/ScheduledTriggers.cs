using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime;

/// <summary>
/// The schedules of published definitions' scheduled triggers (cron), kept as timer rows, one per version, trigger and
/// occurrence: armed when the version is published, fired by the timer service, re-armed for the next occurrence.
/// </summary>
public static class ScheduledTriggers
{
    /// <summary>The timer rows that start <paramref name="model"/> at the next occurrence of each of its scheduled triggers.</summary>
    public static IReadOnlyList<TimerRecord> Schedule(WorkflowModel model, DateTimeOffset now, IServiceProvider services) =>
        [.. model.Activities.Values.Select(a => Next(model, a.Id, now, services)).OfType<TimerRecord>()];

    /// <summary>The trigger's next start after <paramref name="after"/>; null when it is no scheduled trigger or has no further occurrence.</summary>
    public static TimerRecord? Next(WorkflowModel model, string activityId, DateTimeOffset after, IServiceProvider services) =>
        model.Activities.GetValueOrDefault(activityId)?.NextScheduledStart(after, services) is { } at
            ? new TimerRecord
            {
                Id = $"trigger:{model.VersionId}:{activityId}:{at.ToUnixTimeSeconds()}",
                InstanceId = model.VersionId,
                BookmarkId = activityId,
                DueAt = at,
                Kind = TimerKinds.StartTrigger,
                InputJson = new JsonObject { ["definitionId"] = model.DefinitionId, ["executeAt"] = at }.ToJsonString(WorkflowJson.Compact),
            }
            : null;
}
