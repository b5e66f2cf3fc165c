using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime;

/// <summary>How scopes and the instance end: completing a flowchart, cancelling what a join no longer needs, finishing, faulting and handing off to a parent.</summary>
internal sealed partial class FlowchartInterpreter
{
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
        DropTokensOf(activity.Id);
    }

    /// <summary>
    /// Break: the nearest enclosing loop ends with Done, what still runs inside it cancelled. Without a loop around
    /// it, Break completes like any activity (it has no outbound connections to follow).
    /// </summary>
    bool BreakLoop(Activity breaking)
    {
        var loop = _model.OwnerOf(breaking.Id);
        while (loop is not null && loop is not ILoopActivity)
            loop = _model.OwnerOf(loop.Id);
        if (loop is null)
            return false;
        CancelWithin(loop.Id, includeSelf: false);
        foreach (var child in ((CompositeActivity)loop).Children)
        {
            if (_state.Activity(child.Id).Status is ActivityState.Running or ActivityState.Scheduled)
                MarkCancelled(child);
        }
        _state.Activity(loop.Id).Status = ActivityState.Completed;
        workflow.AppendJournal(loop, JournalEvent.Completed, ["Done"]);
        OnCompleted(loop, ["Done"], null);
        return true;
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
        var pending = _queue.Where(w => w.Bookmark is null && w.Notice is null && w.ActivityId != activity.Id).Select(w => w.ActivityId).ToList();
        _state.PendingAtFault = pending.Count > 0 ? pending : null;
        var notices = _queue.Where(w => w.Notice is not null && w.ActivityId != activity.Id).Select(w => w.Notice!).ToList();
        _state.PendingNoticesAtFault = notices.Count > 0 ? notices : null;
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
        if (_state.Outcomes is { Count: > 0 } outcomes)
            input["outcomes"] = new JsonArray([.. outcomes.Select(o => (JsonNode?)JsonValue.Create(o))]);
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
        ClearFlowTokens(flowchart);
    }
}
