using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Runtime;

/// <summary>
/// The token-based flowchart mode (Elsa 3.5+), chosen by the definition's custom property
/// <c>Flowchart:ExecutionMode</c> = <c>TokenBased</c>. A completed activity puts a token on each followed connection;
/// there is no dead-path propagation: a target runs or waits by its merge mode (<c>customProperties.mergeMode</c>):
/// Stream (the default, also None) runs once nothing still comes from its sources; Merge waits for a token on every
/// forward inbound connection; Converge on every inbound connection, loops included; Cascade runs on an arrival and
/// blocks the other inbound connections; Race does that and cancels what still runs upstream. A FlowJoin acts as
/// Race (WaitAny) or Merge (WaitAll, WaitAllActive). The tokens are kept in the instance state until their target completes.
/// </summary>
internal sealed partial class FlowchartInterpreter
{
    public const string ExecutionModeProperty = "Flowchart:ExecutionMode";

    enum MergeMode { Stream, Merge, Converge, Cascade, Race }

    bool? _tokenBased;

    /// <summary>Whether the definition opted into the token-based mode (otherwise the counter-based rules apply).</summary>
    bool TokenBased => _tokenBased ??= IsTokenBased(_model.Document["customProperties"]?[ExecutionModeProperty]);

    static bool IsTokenBased(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) =>
            s.Equals("TokenBased", StringComparison.OrdinalIgnoreCase) || s.Trim() == "1",
        JsonValue v when v.TryGetValue<int>(out var i) => i == 1,
        _ => false,
    };

    static MergeMode MergeModeOf(Activity activity)
    {
        if (activity is FlowJoin join)
            return join.StaticMode == FlowJoinMode.WaitAny ? MergeMode.Race : MergeMode.Merge;
        var value = activity.Node["customProperties"]?["mergeMode"];
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return Enum.TryParse<MergeMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : MergeMode.Stream;
    }

    void OnCompletedTokenBased(Flowchart scope, Activity activity, IReadOnlyList<string> outcomes)
    {
        var tokens = _state.FlowTokens ??= [];
        var followed = scope.OutboundOf(activity.Id).Where(c => outcomes.Contains(c.SourcePort)).ToList();
        foreach (var c in followed)
            tokens.Add(new FlowToken { Scope = scope.Id, From = c.Source, Port = c.SourcePort, To = c.Target });
        foreach (var t in tokens.Where(t => t.Scope == scope.Id && t.To == activity.Id && !t.Consumed && !t.Blocked))
            t.Consumed = true;

        _delivering.Push(activity.Id);
        foreach (var connection in followed)
        {
            if (_halted)
                break;
            var target = _model.Activities[connection.Target];
            var mode = MergeModeOf(target);
            switch (mode)
            {
                case MergeMode.Race or MergeMode.Cascade:
                    if (mode == MergeMode.Race)
                        CancelRaceUpstream(scope, target);
                    var block = tokens.FirstOrDefault(t => t.Scope == scope.Id && t.To == target.Id && t.From == connection.Source
                        && t.Port == connection.SourcePort && t.Blocked);
                    if (block is not null)
                    {
                        block.Consumed = true;
                        break;
                    }
                    Schedule(target);
                    foreach (var other in scope.ForwardInboundOf(target.Id).Where(c => c.Source != activity.Id))
                        tokens.Add(new FlowToken { Scope = scope.Id, From = other.Source, Port = other.SourcePort, To = other.Target, Blocked = true });
                    break;
                case MergeMode.Merge:
                    if (HasTokenOnEach(scope, scope.ForwardInboundOf(target.Id)))
                        Schedule(target);
                    break;
                case MergeMode.Converge:
                    if (HasTokenOnEach(scope, scope.Connections.Where(c => c.Target == target.Id).ToList()))
                        Schedule(target);
                    break;
                default:
                    // Stream: runs unless a token still travels towards one of its sources.
                    var sources = scope.ForwardInboundOf(target.Id).Select(c => c.Source).ToHashSet(StringComparer.Ordinal);
                    if (!tokens.Any(t => t.Scope == scope.Id && !t.Consumed && !t.Blocked && sources.Contains(t.To)))
                        Schedule(target);
                    break;
            }
        }
        _delivering.Pop();
        tokens.RemoveAll(t => t.Scope == scope.Id && t.To == activity.Id && t.Consumed);
        if (tokens.Count == 0)
            _state.FlowTokens = null;
        CheckIdle(scope);
    }

    /// <summary>With more than one inbound connection, every one carries a live token (with one or none, an arrival suffices).</summary>
    bool HasTokenOnEach(Flowchart scope, IReadOnlyList<FlowConnection> inbound) =>
        inbound.Count <= 1 || inbound.All(c => _state.FlowTokens!.Any(t => t.Scope == scope.Id && !t.Consumed && !t.Blocked
            && t.From == c.Source && t.To == c.Target && t.Port == c.SourcePort));

    /// <summary>Race: what still runs upstream of the target is cancelled, scheduled work included.</summary>
    void CancelRaceUpstream(Flowchart scope, Activity target)
    {
        var upstream = scope.UpstreamOf(target.Id);
        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            var id = node.Value.ActivityId;
            if (upstream.Any(u => _model.IsWithin(id, u)))
            {
                _queue.Remove(node);
                MarkCancelled(_model.Activities[id]);
            }
            node = next;
        }
        CancelUpstream(scope, target);
    }

    /// <summary>A cancelled activity's tokens, to it and from it, are dropped.</summary>
    void DropTokensOf(string activityId)
    {
        if (_state.FlowTokens is not { } tokens)
            return;
        tokens.RemoveAll(t => t.From == activityId || t.To == activityId);
        if (tokens.Count == 0)
            _state.FlowTokens = null;
    }

    void ClearFlowTokens(Flowchart scope)
    {
        if (_state.FlowTokens is not { } tokens)
            return;
        tokens.RemoveAll(t => t.Scope == scope.Id);
        if (tokens.Count == 0)
            _state.FlowTokens = null;
    }
}
