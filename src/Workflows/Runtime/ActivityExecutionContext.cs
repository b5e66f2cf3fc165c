using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Runtime;

/// <summary>What an activity sees while it runs: its inputs, the instance, and the ways to finish or wait.</summary>
public sealed class ActivityExecutionContext
{
    internal ActivityExecutionContext(WorkflowExecutionContext workflow, Activity activity)
    {
        Workflow = workflow;
        Activity = activity;
    }

    public WorkflowExecutionContext Workflow { get; }
    public Activity Activity { get; }
    public DateTimeOffset Now => Workflow.Now;
    public IServiceProvider Services => Workflow.Services;
    public CancellationToken CancellationToken => Workflow.CancellationToken;

    /// <summary>A service the activity needs; the host registered it, so its absence is a configuration error.</summary>
    public T GetRequiredService<T>() where T : notnull =>
        (T?)Services.GetService(typeof(T)) ?? throw new InvalidOperationException($"No service of type {typeof(T).FullName} is registered.");

    /// <summary>A service the host may or may not have registered.</summary>
    public T? GetService<T>() where T : class => (T?)Services.GetService(typeof(T));

    /// <summary>Data the activity reports in its journal entry (the text of a WriteLine, a task's decision...).</summary>
    public JsonObject JournalData { get; } = new();

    internal IReadOnlyList<string>? Outcomes { get; private set; }
    internal BookmarkRequest? Bookmark { get; private set; }
    internal bool CompletesFlowchart { get; private set; }
    internal bool FinishesWorkflow { get; private set; }
    internal IReadOnlyList<string>? ScriptOutcomes { get; set; }
    internal List<Activity>? ScheduledChildren { get; private set; }
    internal bool BreaksLoop { get; private set; }

    /// <summary>A structured activity's bookkeeping, kept in the instance until the activity runs anew.</summary>
    public JsonObject Data => Workflow.State.Activity(Activity.Id).Data ??= new JsonObject();

    /// <summary>
    /// Schedules a child of this structured activity; it is told in <see cref="CompositeActivity.OnChildCompletedAsync"/>
    /// when the child completes. <paramref name="scope"/> are loop variables the child and everything inside it see.
    /// </summary>
    public void ScheduleChild(Activity child, JsonObject? scope = null)
    {
        (ScheduledChildren ??= []).Add(child);
        Workflow.State.Activity(child.Id).Scope = scope;
    }

    /// <summary>Ends the nearest enclosing loop (Break): what still runs inside it is cancelled.</summary>
    public void BreakLoop()
    {
        Complete();
        BreaksLoop = true;
    }

    /// <summary>Evaluates an input and converts it to its declared type; a failure faults the instance with the activity named.</summary>
    public async ValueTask<T?> EvaluateAsync<T>(Input<T>? input, T? defaultValue = default)
    {
        if (input is null)
            return defaultValue;
        var json = await EvaluateJsonAsync(input);
        try
        {
            return ValueConverter.Convert<T>(json);
        }
        catch (FormatException ex)
        {
            throw new WorkflowFaultException("invalid-input", ex.Message);
        }
    }

    /// <summary>Evaluates an input to JSON without conversion.</summary>
    public async ValueTask<JsonNode?> EvaluateJsonAsync(Input? input)
    {
        if (input is null)
            return null;
        Workflow.CurrentActivity = this;
        return await Workflow.Evaluator.EvaluateAsync(input.Expression, Workflow, CancellationToken);
    }

    public ValueTask<JsonNode?> EvaluateAsync(Expression expression)
    {
        Workflow.CurrentActivity = this;
        return Workflow.Evaluator.EvaluateAsync(expression, Workflow, CancellationToken);
    }

    /// <summary>Records an output of the activity (for <c>getOutputFrom</c>) and stores it into its variable, if bound.</summary>
    public void SetOutput(Output? output, string outputName, JsonNode? value)
    {
        Workflow.RecordOutput(Activity.Id, outputName, value);
        if (output?.VariableReference is not { } reference)
            return;
        // Elsa maps an activity output to a variable or, by its name, to a declared workflow output.
        if (Workflow.Model.FindVariable(reference) is null && Workflow.Model.OutputNames.Contains(reference))
            Workflow.SetOutput(reference, value?.DeepClone());
        else
            Workflow.SetVariable(reference, value?.DeepClone());
    }

    /// <summary>Completes the activity with the given outcomes (default <c>Done</c>).</summary>
    public void Complete(params IReadOnlyList<string> outcomes) => Outcomes = outcomes.Count == 0 ? ["Done"] : outcomes;

    /// <summary>Completes the enclosing flowchart with the given outcomes (End, Complete).</summary>
    public void CompleteFlowchart(params IReadOnlyList<string> outcomes)
    {
        Complete(outcomes);
        CompletesFlowchart = true;
    }

    /// <summary>Finishes the whole instance (Finish).</summary>
    public void FinishWorkflow()
    {
        Complete();
        FinishesWorkflow = true;
    }

    /// <summary>Suspends the activity on a bookmark; it continues in <see cref="Activity.ResumeAsync"/>.</summary>
    public void CreateBookmark(BookmarkRequest request) => Bookmark = request;

    public static string NewId() => Ulid.NewId();
}
