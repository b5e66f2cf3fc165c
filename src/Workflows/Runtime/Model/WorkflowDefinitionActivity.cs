using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime.Model;

/// <summary>
/// A definition usable as an activity (Elsa's <c>WorkflowDefinitionActivity</c>): its node's type is the definition's
/// pascalized name, its inputs become the child's workflow inputs, the child's outputs become its outputs, and the
/// outcomes the child's root completed with (an <c>Elsa.Complete</c>) are its outcomes. The child is its own
/// instance; when it waits, this activity waits on a bookmark that the child's hand-off resumes.
/// </summary>
/// <remarks>No <see cref="ActivityAttribute"/>: its types come from <see cref="WorkflowActivityCatalog"/>.</remarks>
public sealed class WorkflowDefinitionActivity : Activity
{
    /// <summary>The definition the activity runs (resolved when the consumer is compiled).</summary>
    public string WorkflowDefinitionId { get; internal set; } = "";

    /// <summary>The version it runs; when it no longer exists, the published version runs, else the latest (as in Elsa).</summary>
    public string WorkflowDefinitionVersionId { get; internal set; } = "";

    public int WorkflowVersion { get; internal set; }

    /// <summary>The child's workflow input per bound activity input.</summary>
    internal List<(string WorkflowInput, Input Value)> InputBindings { get; } = [];

    /// <summary>Each child output with where the consumer stores it (null: only recorded for <c>getOutputFrom</c>).</summary>
    internal List<(string WorkflowOutput, Output? Target)> OutputBindings { get; } = [];

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var input = new JsonObject();
        foreach (var (name, value) in InputBindings)
        {
            var json = await context.EvaluateJsonAsync(value);
            try
            {
                // The child's input carries the type the provider declares (Int32 "4" is 4).
                input[name] = value.ValueType == typeof(object) ? json?.DeepClone() : ValueConverter.ToJson(ValueConverter.Convert(json, value.ValueType));
            }
            catch (FormatException ex)
            {
                throw new WorkflowFaultException("invalid-input", $"流程活动“{DisplayName}”的输入 {name}：{ex.Message}");
            }
        }
        var bookmarkId = ActivityExecutionContext.NewId();
        var child = await context.Workflow.Host.RunWorkflowActivityAsync(context.Workflow, WorkflowDefinitionId, WorkflowDefinitionVersionId, input,
            new ParentLink(context.Workflow.InstanceId, bookmarkId), context.CancellationToken);
        context.JournalData["childInstanceId"] = child.InstanceId;
        if (child.Record.Status == WorkflowStatus.Finished)
        {
            // Finished in this burst: no hand-off, the activity completes now.
            child.State.Parent = null;
            child.Changes.AddedTimers.RemoveAll(t => t.BookmarkId == bookmarkId);
            Finish(context, child.InstanceId, child.Record.SubStatus, child.Output, child.State.Outcomes);
            return;
        }
        context.CreateBookmark(new BookmarkRequest(new JsonObject { ["childInstanceId"] = child.InstanceId, ["definitionId"] = WorkflowDefinitionId })
        {
            Id = bookmarkId,
            Stimulus = child.InstanceId,
        });
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, JsonNode? input)
    {
        var childId = input?["workflowInstanceId"]?.GetValue<string>() ?? "";
        context.JournalData["childInstanceId"] = childId;
        var outcomes = (input?["outcomes"] as JsonArray)?.Select(o => o?.GetValue<string>()).OfType<string>().ToList();
        Finish(context, childId, input?["subStatus"]?.GetValue<string>(), input?["output"] as JsonObject, outcomes);
        return ValueTask.CompletedTask;
    }

    void Finish(ActivityExecutionContext context, string childId, string? subStatus, JsonObject? output, IReadOnlyList<string>? outcomes)
    {
        if (subStatus is not null && subStatus != WorkflowSubStatus.Finished)
            throw new WorkflowFaultException("child-" + subStatus.ToLowerInvariant(), $"流程活动“{DisplayName}”的子流程 {childId} 以 {subStatus} 结束。");
        var journaled = new JsonObject();
        foreach (var (name, target) in OutputBindings)
        {
            context.SetOutput(target, name, output?[name]?.DeepClone());
            journaled[name] = output?[name]?.DeepClone();
        }
        if (journaled.Count > 0)
            context.JournalData["outputs"] = journaled;
        context.Complete(outcomes is { Count: > 0 } ? outcomes : ["Done"]);
    }
}
