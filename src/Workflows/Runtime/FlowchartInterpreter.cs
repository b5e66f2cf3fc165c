using System.Text.Json.Nodes;
using Justice.Workflows.Activities;
using Justice.Workflows.Activities.Core;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Common;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime;

/// <summary>
/// Runs one burst of one instance: executes scheduled activities until the instance finishes, faults, or every
/// live path waits on a bookmark. Flowchart rules (docs/workflow-format.md §3; bookkeeping: docs/engine.md §3): outcome ports, dead-path propagation, implicit
/// WaitAllActive joins, FlowJoin modes, loops, terminal nodes and the step limit.
/// </summary>
internal sealed class FlowchartInterpreter(WorkflowExecutionContext workflow, int maxSteps)
{
    readonly LinkedList<WorkItem> _queue = new();
    readonly Stack<string> _delivering = new();
    readonly LinkedList<(Flowchart Scope, Activity Activity)> _deadPaths = new();
    bool _propagating;
    readonly WorkflowModel _model = workflow.Model;
    readonly WorkflowState _state = workflow.State;
    bool _halted;

    /// <summary>One activity to run: started anew, or resumed through its bookmark (<paramref name="Replay"/>: a resume that faulted, its bookmark already consumed).</summary>
    sealed record WorkItem(string ActivityId, Justice.Workflows.Runtime.State.BookmarkRecord? Bookmark, JsonNode? Input, bool Replay = false);

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
        // A fault while resuming is retried as that resume (same bookmark, same input), not as a fresh start.
        _queue.AddLast(new WorkItem(activityId, state.FaultedResume, state.FaultedResumeInput, Replay: state.FaultedResume is not null));
        state.FaultedResume = null;
        state.FaultedResumeInput = null;
        foreach (var pending in _state.PendingAtFault ?? [])
            _queue.AddLast(new WorkItem(pending, null, null));
        _state.PendingAtFault = null;
        await RunAsync();
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
        var context = new ActivityExecutionContext(workflow, activity);
        try
        {
            if (item.Bookmark is null)
            {
                state.Executions++;
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
        var outcomes = context.Outcomes ?? ["Done"];
        state.Status = ActivityState.Completed;
        workflow.AppendJournal(activity, JournalEvent.Completed, outcomes, context.JournalData);
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
        Schedule(flowchart.Start);
    }

    void OnCompleted(Activity activity, IReadOnlyList<string> outcomes, ActivityExecutionContext? context)
    {
        var scope = _model.ParentOf(activity.Id);
        if (scope is null)
        {
            FinishInstance(WorkflowSubStatus.Finished);
            return;
        }
        if (context?.FinishesWorkflow == true)
        {
            FinishInstance(WorkflowSubStatus.Finished);
            return;
        }
        if (context?.CompletesFlowchart == true)
        {
            CompleteFlowchart(scope, outcomes);
            return;
        }
        _delivering.Push(activity.Id);
        foreach (var connection in scope.OutboundOf(activity.Id))
            Deliver(scope, connection, outcomes.Contains(connection.SourcePort));
        _delivering.Pop();
        CheckIdle(scope);
    }

    /// <summary>A connection is decided: followed (its port was an outcome) or dead. Decides its target's fate.</summary>
    void Deliver(Flowchart scope, FlowConnection connection, bool followed)
    {
        if (_halted)
            return;
        var target = _model.Activities[connection.Target];
        if (connection.IsBackward)
        {
            // A loop closes: a followed back edge re-runs its target; a dead one only means the loop was left.
            if (followed)
                Schedule(target);
            return;
        }
        var inbound = scope.ForwardInboundOf(target.Id);
        var mode = target is FlowJoin join ? join.StaticMode : FlowJoinMode.WaitAllActive;
        if (mode == FlowJoinMode.WaitAny)
        {
            DeliverToWaitAny(scope, target, inbound, connection, followed);
            return;
        }
        _state.Tokens[TokenKey(scope, connection)] = followed ? 'F' : 'D';
        // Wait while a connection without a token can still deliver: its source is active, or can be reached from
        // what is active. Counting only what can still come makes joins right in loops and after skipped branches.
        var undecided = inbound.Where(c => !_state.Tokens.ContainsKey(TokenKey(scope, c))).ToList();
        if (undecided.Count > 0)
        {
            var active = ActiveIn(scope);
            if (undecided.Any(c => active.Any(a => a == c.Source || scope.DownstreamOf(a).Contains(c.Source))))
                return;
        }
        var decided = inbound.Where(c => _state.Tokens.ContainsKey(TokenKey(scope, c))).ToList();
        var anyFollowed = decided.Any(c => _state.Tokens[TokenKey(scope, c)] == 'F');
        var allFollowed = undecided.Count == 0 && decided.All(c => _state.Tokens[TokenKey(scope, c)] == 'F');
        ClearTokens(scope, inbound);
        if (mode == FlowJoinMode.WaitAll ? allFollowed : anyFollowed)
            Schedule(target);
        else
            Skip(scope, target);
    }

    /// <summary>The activities of a flowchart that are running, queued, waiting or delivering their outcomes.</summary>
    HashSet<string> ActiveIn(Flowchart scope)
    {
        var active = new HashSet<string>(StringComparer.Ordinal);
        void Add(string activityId)
        {
            for (var id = activityId; ; )
            {
                var parent = _model.ParentOf(id);
                if (parent is null)
                    return;
                if (parent.Id == scope.Id)
                {
                    active.Add(id);
                    return;
                }
                id = parent.Id;
            }
        }
        foreach (var item in _queue)
            Add(item.ActivityId);
        foreach (var bookmark in workflow.LiveBookmarks)
            Add(bookmark.ActivityId);
        foreach (var id in _delivering)
            Add(id);
        foreach (var (_, skipped) in _deadPaths)
            Add(skipped.Id);
        return active;
    }

    void DeliverToWaitAny(Flowchart scope, Activity target, IReadOnlyList<FlowConnection> inbound, FlowConnection connection, bool followed)
    {
        if (_state.FiredJoins.TryGetValue(target.Id, out var arrived))
        {
            if (!arrived.Contains(connection.Index))
            {
                // A latecomer of the round that already fired the join: absorbed.
                arrived.Add(connection.Index);
                if (arrived.Count >= inbound.Count)
                    _state.FiredJoins.Remove(target.Id);
                return;
            }
            // The same connection again: a loop brought a new round.
            _state.FiredJoins.Remove(target.Id);
        }
        if (followed)
        {
            ClearTokens(scope, inbound);
            if (inbound.Count > 1)
                _state.FiredJoins[target.Id] = [connection.Index];
            CancelUpstream(scope, target);
            Schedule(target);
            return;
        }
        _state.Tokens[TokenKey(scope, connection)] = 'D';
        if (inbound.All(c => _state.Tokens.GetValueOrDefault(TokenKey(scope, c)) == 'D'))
        {
            ClearTokens(scope, inbound);
            Skip(scope, target);
        }
    }

    /// <summary>
    /// Dead-path propagation: the activity does not run and its outbound connections are dead. Skipped activities
    /// wait in a queue (and count as active) instead of recursing, so a long dead chain cannot exhaust the stack.
    /// </summary>
    void Skip(Flowchart scope, Activity activity)
    {
        _state.Activity(activity.Id).Status = ActivityState.Skipped;
        workflow.AppendJournal(activity, JournalEvent.Skipped);
        _deadPaths.AddLast((scope, activity));
        if (_propagating)
            return;
        _propagating = true;
        try
        {
            while (_deadPaths.First is { } next)
            {
                var (skippedScope, skipped) = next.Value;
                _delivering.Push(skipped.Id);
                _deadPaths.RemoveFirst();
                foreach (var connection in skippedScope.OutboundOf(skipped.Id))
                    Deliver(skippedScope, connection, false);
                _delivering.Pop();
            }
        }
        finally
        {
            _propagating = false;
        }
    }

    void Schedule(Activity activity)
    {
        _state.Activity(activity.Id).Status = ActivityState.Scheduled;
        _queue.AddLast(new WorkItem(activity.Id, null, null));
    }

    /// <summary>A flowchart with nothing queued and nothing waiting inside it is done.</summary>
    void CheckIdle(Flowchart scope)
    {
        if (_halted)
            return;
        var busy = _queue.Any(i => i.ActivityId != scope.Id && _model.IsWithin(i.ActivityId, scope.Id))
            || workflow.LiveBookmarks.Any(b => _model.IsWithin(b.ActivityId, scope.Id));
        if (!busy)
            CompleteFlowchart(scope, ["Done"]);
    }

    void CompleteFlowchart(Flowchart flowchart, IReadOnlyList<string> outcomes)
    {
        CancelWithin(flowchart.Id, includeSelf: false);
        ClearScope(flowchart);
        _state.Activity(flowchart.Id).Status = ActivityState.Completed;
        workflow.AppendJournal(flowchart, JournalEvent.Completed, outcomes);
        OnCompleted(flowchart, outcomes, null);
    }

    /// <summary>WaitAny: what still waits upstream of the join (other branches, their bookmarks and timers) is cancelled.</summary>
    void CancelUpstream(Flowchart scope, Activity join)
    {
        var upstream = scope.UpstreamOf(join.Id);
        foreach (var bookmark in workflow.LiveBookmarks.ToList())
        {
            var owner = upstream.FirstOrDefault(id => _model.IsWithin(bookmark.ActivityId, id));
            if (owner is not null)
                CancelBookmark(bookmark);
        }
        foreach (var id in upstream)
        {
            if (_model.Activities[id] is Flowchart nested && _state.Activity(id).Status == ActivityState.Running)
            {
                CancelWithin(id, includeSelf: true);
            }
        }
        foreach (var connection in scope.Connections.Where(c => upstream.Contains(c.Target)))
            _state.Tokens.Remove(TokenKey(scope, connection));
    }

    void CancelWithin(string scopeId, bool includeSelf)
    {
        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            if (_model.IsWithin(node.Value.ActivityId, scopeId) && (includeSelf || node.Value.ActivityId != scopeId))
            {
                _queue.Remove(node);
                MarkCancelled(_model.Activities[node.Value.ActivityId]);
            }
            node = next;
        }
        foreach (var bookmark in workflow.LiveBookmarks.Where(b => _model.IsWithin(b.ActivityId, scopeId)).ToList())
            CancelBookmark(bookmark);
        if (includeSelf)
            MarkCancelled(_model.Activities[scopeId]);
    }

    void CancelBookmark(Justice.Workflows.Runtime.State.BookmarkRecord bookmark)
    {
        workflow.RemoveBookmark(bookmark);
        MarkCancelled(_model.Activities[bookmark.ActivityId]);
    }

    void MarkCancelled(Activity activity)
    {
        var state = _state.Activity(activity.Id);
        if (state.Status == ActivityState.Cancelled)
            return;
        state.Status = ActivityState.Cancelled;
        workflow.AppendJournal(activity, JournalEvent.Cancelled);
    }

    void FinishInstance(string subStatus)
    {
        foreach (var item in _queue)
            MarkCancelled(_model.Activities[item.ActivityId]);
        _queue.Clear();
        foreach (var bookmark in workflow.LiveBookmarks.ToList())
            CancelBookmark(bookmark);
        var record = workflow.Record;
        record.Status = WorkflowStatus.Finished;
        record.SubStatus = subStatus;
        record.FinishedAt = workflow.Now;
        _halted = true;
        HandOffToParent();
    }

    void Fault(Activity activity, string? code, string? category, string message)
    {
        _state.Activity(activity.Id).Status = ActivityState.Faulted;
        workflow.AppendJournal(activity, JournalEvent.Faulted, null, new JsonObject { ["message"] = message });
        workflow.AddIncident(activity, code, category, message);
        // What was scheduled behind the fault is kept for a retry; a resume in the queue keeps its bookmark anyway.
        var pending = _queue.Where(w => w.Bookmark is null && w.ActivityId != activity.Id).Select(w => w.ActivityId).ToList();
        _state.PendingAtFault = pending.Count > 0 ? pending : null;
        _queue.Clear();
        var record = workflow.Record;
        record.Status = WorkflowStatus.Finished;
        record.SubStatus = WorkflowSubStatus.Faulted;
        record.FinishedAt = workflow.Now;
        _halted = true;
        HandOffToParent();
    }

    /// <summary>A sub-process that finished resumes its waiting parent through a durable hand-off (a timer due now).</summary>
    void HandOffToParent()
    {
        if (_state.Parent is not { } parent)
            return;
        if (workflow.Record.SubStatus == WorkflowSubStatus.Faulted)
            _state.FaultHandedOff = true;
        var input = new JsonObject
        {
            ["workflowInstanceId"] = workflow.Record.Id,
            ["status"] = workflow.Record.Status,
            ["subStatus"] = workflow.Record.SubStatus,
            ["output"] = workflow.Output.DeepClone(),
        };
        workflow.Changes.AddedTimers.Add(new Justice.Workflows.Runtime.State.TimerRecord
        {
            Id = $"handoff:{parent.BookmarkId}",
            BookmarkId = parent.BookmarkId,
            InstanceId = parent.InstanceId,
            DueAt = workflow.Now,
            InputJson = input.ToJsonString(WorkflowJson.Compact),
        });
        _state.Parent = null;
    }

    void Settle()
    {
        var record = workflow.Record;
        if (record.Status == WorkflowStatus.Finished)
            return;
        record.SubStatus = workflow.LiveBookmarks.Count > 0 ? WorkflowSubStatus.Suspended : WorkflowSubStatus.Executing;
        if (workflow.LiveBookmarks.Count == 0)
            FinishInstance(WorkflowSubStatus.Finished);
    }

    void ClearScope(Flowchart flowchart)
    {
        var prefix = flowchart.Id + "/";
        foreach (var key in _state.Tokens.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            _state.Tokens.Remove(key);
        foreach (var activity in flowchart.Activities)
            _state.FiredJoins.Remove(activity.Id);
    }

    void ClearTokens(Flowchart scope, IEnumerable<FlowConnection> connections)
    {
        foreach (var c in connections)
            _state.Tokens.Remove(TokenKey(scope, c));
    }

    static string TokenKey(Flowchart scope, FlowConnection connection) => $"{scope.Id}/{connection.Index}";
}
