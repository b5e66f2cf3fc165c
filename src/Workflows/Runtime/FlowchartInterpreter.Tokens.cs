using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Runtime;

/// <summary>The flowchart rules: outcomes become tokens on connections, dead paths are propagated, joins wait for their inbound tokens.</summary>
internal sealed partial class FlowchartInterpreter
{
    void OnCompleted(Activity activity, IReadOnlyList<string> outcomes, ActivityExecutionContext? context)
    {
        if (_model.OwnerOf(activity.Id) is CompositeActivity owner && context?.FinishesWorkflow != true)
        {
            // A child of a structured activity: its owner is told (as a work item, so that it may evaluate and schedule).
            _queue.AddLast(new WorkItem(owner.Id, null, null)
            {
                Notice = new ChildNotice(owner.Id, activity.Id, outcomes, context?.CompletesFlowchart == true),
            });
            return;
        }
        var scope = _model.ParentOf(activity.Id);
        if (scope is null)
        {
            _state.Outcomes = outcomes.Count == 0 || outcomes is ["Done"] ? null : [.. outcomes];
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
        if (TokenBased)
        {
            OnCompletedTokenBased(scope, activity, outcomes);
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
                var parent = _model.OwnerOf(id);
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


    void ClearTokens(Flowchart scope, IEnumerable<FlowConnection> connections)
    {
        foreach (var c in connections)
            _state.Tokens.Remove(TokenKey(scope, c));
    }

    static string TokenKey(Flowchart scope, FlowConnection connection) => $"{scope.Id}/{connection.Index}";
}
