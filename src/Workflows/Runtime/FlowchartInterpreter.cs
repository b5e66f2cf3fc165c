using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime;

/// <summary>
/// Runs one burst of one instance: executes scheduled activities until the instance finishes, faults, or every
/// live path waits on a bookmark. Flowchart rules (docs/workflow-format.md §3; bookkeeping: docs/engine.md §3): outcome ports, dead-path propagation, implicit
/// WaitAllActive joins, FlowJoin modes, loops, terminal nodes and the step limit.
/// </summary>
internal sealed partial class FlowchartInterpreter(WorkflowExecutionContext workflow, int maxSteps)
{
    readonly LinkedList<WorkItem> _queue = new();
    readonly Stack<string> _delivering = new();
    readonly LinkedList<(Flowchart Scope, Activity Activity)> _deadPaths = new();
    bool _propagating;
    WorkflowModel _model => workflow.Model;
    readonly WorkflowState _state = workflow.State;
    bool _halted;

    /// <summary>One activity to run: started anew, or resumed through its bookmark (<paramref name="Replay"/>: a resume that faulted, its bookmark already consumed).</summary>
    sealed record WorkItem(string ActivityId, Justice.Workflows.Runtime.State.BookmarkRecord? Bookmark, JsonNode? Input, bool Replay = false)
    {
        /// <summary>Set when a structured activity is told that a child of its completed.</summary>
        public ChildNotice? Notice { get; init; }
    }

    public async Task StartAsync()
    {
        workflow.Record.Status = WorkflowStatus.Running;
        workflow.Record.SubStatus = WorkflowSubStatus.Executing;
        Schedule(_model.Root);
        await RunAsync();
    }

    public async Task ResumeAsync(Justice.Workflows.Runtime.State.BookmarkRecord bookmark, JsonNode? input)
    {
        workflow.Record.SubStatus = WorkflowSubStatus.Executing;
        _queue.AddLast(new WorkItem(bookmark.ActivityId, bookmark, input));
        await RunAsync();
    }

    /// <summary>
    /// Runs a faulted activity again (a new execution with its inputs evaluated afresh) and carries on from there;
    /// the paths that were waiting when it faulted still wait on their bookmarks.
    /// </summary>
    public async Task RetryAsync(string activityId)
    {
        var record = workflow.Record;
        record.Status = WorkflowStatus.Running;
        record.SubStatus = WorkflowSubStatus.Executing;
        record.FinishedAt = null;
        var state = _state.Activity(activityId);
        if (state.FaultedNotice is { } notice)
        {
            // A structured activity faulted when told of its child: it is told again.
            _queue.AddLast(new WorkItem(activityId, null, null) { Notice = notice });
            state.FaultedNotice = null;
            state.Status = ActivityState.Running;
            foreach (var pending in _state.PendingAtFault ?? [])
                _queue.AddLast(new WorkItem(pending, null, null));
            RequeueNotices();
            _state.PendingAtFault = null;
            await RunAsync();
            return;
        }
        // A fault while resuming is retried as that resume (same bookmark, same input), not as a fresh start.
        _queue.AddLast(new WorkItem(activityId, state.FaultedResume, state.FaultedResumeInput, Replay: state.FaultedResume is not null));
        state.FaultedResume = null;
        state.FaultedResumeInput = null;
        foreach (var pending in _state.PendingAtFault ?? [])
            _queue.AddLast(new WorkItem(pending, null, null));
        RequeueNotices();
        _state.PendingAtFault = null;
        await RunAsync();
    }

    void RequeueNotices()
    {
        foreach (var notice in _state.PendingNoticesAtFault ?? [])
            _queue.AddLast(new WorkItem(notice.OwnerId, null, null) { Notice = notice });
        _state.PendingNoticesAtFault = null;
    }

    /// <summary>Cancels the instance with its bookmarks, timers and tasks.</summary>
    public void Cancel() => FinishInstance(WorkflowSubStatus.Cancelled);

    async Task RunAsync()
    {
        var steps = 0;
        while (!_halted && _queue.First is { } first)
        {
            _queue.RemoveFirst();
            var item = first.Value;
            var activity = _model.Activities[item.ActivityId];
            if (++steps > maxSteps)
            {
                Fault(activity, "step-limit", null,
                    $"超出单次执行步数上限（{maxSteps}），在活动“{activity.DisplayName}”（{activity.Id}）处停止：流程可能在无阻塞地循环。");
                break;
            }
            await ExecuteAsync(item, activity);
        }
        if (!_halted)
            Settle();
    }

    async Task ExecuteAsync(WorkItem item, Activity activity)
    {
        var state = _state.Activity(activity.Id);
        if (item.Notice is not null && state.Status != ActivityState.Running)
            return; // told of a child after it completed (a Fork that a first branch already ended)
        var context = new ActivityExecutionContext(workflow, activity);
        try
        {
            if (item.Notice is { } notice)
            {
                await ((CompositeActivity)activity).OnChildCompletedAsync(context, _model.Activities[notice.ChildId],
                    new ChildCompletion(notice.Outcomes, notice.Terminal));
            }
            else if (item.Bookmark is null)
            {
                state.Executions++;
                state.Data = null;
                state.Status = ActivityState.Running;
                workflow.AppendJournal(activity, JournalEvent.Started);
                if (activity is Flowchart flowchart)
                {
                    StartFlowchart(flowchart);
                    return;
                }
                await activity.ExecuteAsync(context);
            }
            else
            {
                state.Status = ActivityState.Running;
                if (!item.Replay)
                    workflow.ConsumeBookmark(item.Bookmark);
                workflow.AppendJournal(activity, JournalEvent.Resumed);
                await activity.ResumeAsync(context, item.Input);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var (code, category) = ex switch
            {
                WorkflowFaultException f => (f.Code, f.Category),
                ExpressionException e => (e.Code, null),
                _ => ("error", null),
            };
            if (item.Bookmark is not null)
            {
                state.FaultedResume = item.Bookmark;
                state.FaultedResumeInput = item.Input?.DeepClone();
            }
            state.FaultedNotice = item.Notice;
            Fault(activity, code, category, ex.Message);
            return;
        }
        finally
        {
            workflow.CurrentActivity = null;
        }

        if (context.Bookmark is { } request)
        {
            workflow.AddBookmark(activity, request);
            state.Status = ActivityState.Waiting;
            workflow.AppendJournal(activity, JournalEvent.Suspended, null, context.JournalData.Count > 0 ? context.JournalData : null);
            return;
        }
        if (activity is CompositeActivity && context.Outcomes is null && (item.Notice is not null || context.ScheduledChildren is not null))
        {
            // A structured activity that scheduled children, or still waits for some, completes when it says so.
            state.Status = ActivityState.Running;
            foreach (var child in context.ScheduledChildren ?? [])
                Schedule(child);
            return;
        }
        var outcomes = context.Outcomes ?? ["Done"];
        if (activity is CompositeActivity)
            CancelWithin(activity.Id, includeSelf: false);
        state.Status = ActivityState.Completed;
        workflow.AppendJournal(activity, JournalEvent.Completed, outcomes, context.JournalData);
        if (context.BreaksLoop && BreakLoop(activity))
            return;
        OnCompleted(activity, outcomes, context);
    }

    void StartFlowchart(Flowchart flowchart)
    {
        ClearScope(flowchart);
        if (flowchart.Start is null)
        {
            CompleteFlowchart(flowchart, ["Done"]);
            return;
        }
        // Started through a trigger of this flowchart (an HTTP endpoint, a cron): it runs first, as Elsa's trigger activity does.
        var trigger = workflow.Trigger is { } t ? flowchart.Activities.FirstOrDefault(a => a.Id == t.ActivityId) : null;
        Schedule(trigger ?? flowchart.Start);
    }
}
