using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;

namespace Justice.Workflows.Runtime.Model;

/// <summary>
/// An activity of a definition. One object per activity node and definition version, shared by every instance
/// of that version, so it holds only what the definition says; an instance's data lives in the context.
/// </summary>
public abstract class Activity
{
    public string Id { get; internal set; } = "";
    public string? Name { get; internal set; }
    public string Type { get; internal set; } = "";
    public ActivityDescriptor Descriptor { get; internal set; } = null!;

    /// <summary>The activity's JSON as in the definition (kept for round-trip and for the designer).</summary>
    public JsonObject Node { get; internal set; } = new();

    /// <summary>Display name for journals and messages: the node's name, else the type's display name.</summary>
    public string DisplayName => Name ?? Descriptor.DisplayName;

    /// <summary>Runs the activity. Completes with <c>Done</c> unless it completes otherwise or creates a bookmark.</summary>
    public abstract ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>Runs when a bookmark of this activity is resumed with the stimulus' input.</summary>
    public virtual ValueTask ResumeAsync(ActivityExecutionContext context, JsonNode? input)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>The ports connections may leave from; null means "decided at run time" (any port is accepted).</summary>
    public virtual IReadOnlyCollection<string>? GetPorts() => Descriptor.Outcomes;

    /// <summary>
    /// For a trigger that starts its workflow on a schedule (a cron): the first start after <paramref name="after"/>;
    /// null for every other activity, and when the schedule has no further occurrence.
    /// </summary>
    public virtual DateTimeOffset? NextScheduledStart(DateTimeOffset after, IServiceProvider services) => null;

    /// <summary>Whether the definition marks the activity as able to start the workflow (<c>canStartWorkflow</c>).</summary>
    public bool CanStartWorkflow =>
        Node["customProperties"]?["canStartWorkflow"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<bool>(out var b) && b
        || Node["canStartWorkflow"] is System.Text.Json.Nodes.JsonValue t && t.TryGetValue<bool>(out var top) && top;

    /// <summary>Checks that go beyond input conversion (reported with the rest of the validation).</summary>
    public virtual void Validate(DefinitionValidationContext context)
    {
    }
}
