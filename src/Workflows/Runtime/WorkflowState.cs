using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime;

/// <summary>
/// The working state of an instance, saved as one JSON column: variables, each activity's state and outputs,
/// and the flowchart bookkeeping (tokens on connections since their target last ran, WaitAny rounds).
/// </summary>
public sealed class WorkflowState
{
    public Dictionary<string, JsonNode?> Variables { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, ActivityState> Activities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Key <c>flowchartId/connectionIndex</c>; value <c>F</c> (followed) or <c>D</c> (dead).</summary>
    public Dictionary<string, char> Tokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>WaitAny joins that fired: the connection indexes that arrived since.</summary>
    public Dictionary<string, List<int>> FiredJoins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Token-based flowcharts only (definition custom property <c>Flowchart:ExecutionMode</c> = <c>TokenBased</c>):
    /// the tokens on connections, kept until their target completes. Null for counter-based instances.
    /// </summary>
    public List<FlowToken>? FlowTokens { get; set; }

    public JsonNode? LastResult { get; set; }
    public int JournalSequence { get; set; }
    public ParentLink? Parent { get; set; }

    /// <summary>The outcomes the root completed with (an <c>Elsa.Complete</c> in the root flowchart); a parent's workflow activity takes them as its own.</summary>
    public List<string>? Outcomes { get; set; }

    /// <summary>Activities that were scheduled when the instance faulted: a retry runs them after the faulted one.</summary>
    public List<string>? PendingAtFault { get; set; }

    /// <summary>ParallelForEach activities running iterations, outer ones first: how many copies of the body each has.</summary>
    public List<Expansion>? Expansions { get; set; }

    /// <summary>Children's completions that structured activities had not yet been told of when the instance faulted.</summary>
    public List<ChildNotice>? PendingNoticesAtFault { get; set; }

    /// <summary>The fault was handed to a waiting parent (which carried on); the child can no longer be retried alone.</summary>
    public bool FaultHandedOff { get; set; }

    /// <summary>Who completed the last human task (the timeline names them for what follows from it).</summary>
    public string? LastActor { get; set; }

    public ActivityState Activity(string id)
    {
        if (!Activities.TryGetValue(id, out var state))
            Activities[id] = state = new ActivityState();
        return state;
    }

    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    public static WorkflowState Deserialize(string json) =>
        string.IsNullOrEmpty(json) ? new WorkflowState() : JsonSerializer.Deserialize<WorkflowState>(json, Options) ?? new WorkflowState();
}

/// <summary>What is known of one activity in an instance (the viewer shows it).</summary>
public sealed class ActivityState
{
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Completed = "completed";
    public const string Skipped = "skipped";
    public const string Faulted = "faulted";
    public const string Cancelled = "cancelled";

    public int Executions { get; set; }
    public string? Status { get; set; }

    /// <summary>When the activity faulted while being resumed: the bookmark and input, so that a retry resumes it again rather than starting it anew.</summary>
    public Justice.Workflows.Runtime.State.BookmarkRecord? FaultedResume { get; set; }
    public JsonNode? FaultedResumeInput { get; set; }
    public Dictionary<string, JsonNode?>? Outputs { get; set; }

    /// <summary>A structured activity's bookkeeping while it runs (the index of a Sequence, the items of a ForEach…).</summary>
    public JsonObject? Data { get; set; }

    /// <summary>Variables a loop gives the body it runs (<c>CurrentValue</c>, <c>CurrentIndex</c>), seen by everything inside it.</summary>
    public JsonObject? Scope { get; set; }

    /// <summary>A structured activity faulted while told of a child's completion: a retry tells it again.</summary>
    public ChildNotice? FaultedNotice { get; set; }
}

/// <summary>A ParallelForEach (by its id in the instance) runs <paramref name="Count"/> copies of its body.</summary>
public sealed record Expansion(string OwnerId, int Count);

/// <summary>A structured activity is told that its child completed (with the child's outcomes).</summary>
public sealed record ChildNotice(string OwnerId, string ChildId, IReadOnlyList<string> Outcomes, bool Terminal);

/// <summary>The parent waiting on this instance as a sub-process: resumed through its bookmark when this one finishes.</summary>
public sealed record ParentLink(string InstanceId, string BookmarkId);

/// <summary>A token-based flowchart's token: a followed connection (or a blocked one of a race), until its target completes.</summary>
public sealed class FlowToken
{
    /// <summary>The flowchart the connection belongs to.</summary>
    public string Scope { get; set; } = "";
    public string From { get; set; } = "";
    public string? Port { get; set; }
    public string To { get; set; } = "";
    public bool Consumed { get; set; }
    public bool Blocked { get; set; }
}
