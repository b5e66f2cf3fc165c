namespace Justice.Portal.Features.Designer;

/// <summary>
/// Undo and redo as snapshots of the definition JSON: every edit, whatever it touched, is undone exactly, unknown
/// keys included. Consecutive edits with the same coalescing key (nudging a selection with the arrow keys) make one step.
/// </summary>
public sealed class DesignerHistory(int capacity = 100)
{
    readonly LinkedList<Entry> _undo = new();
    readonly Stack<Entry> _redo = new();
    string? _lastKey;

    sealed record Entry(string Snapshot, string Label);

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    /// <summary>What the next undo reverts (for the button's tooltip).</summary>
    public string? UndoLabel => _undo.Last?.Value.Label;

    public string? RedoLabel => _redo.TryPeek(out var entry) ? entry.Label : null;

    /// <summary>Records the state before an edit; a new edit clears what could be redone.</summary>
    public void Record(string before, string label, string? coalesceKey = null)
    {
        _redo.Clear();
        if (coalesceKey is not null && coalesceKey == _lastKey && _undo.Count > 0)
            return;
        _lastKey = coalesceKey;
        _undo.AddLast(new Entry(before, label));
        if (_undo.Count > capacity)
            _undo.RemoveFirst();
    }

    /// <summary>The state to go back to, given the current one (kept for redo); null when there is nothing to undo.</summary>
    public string? Undo(string current)
    {
        if (_undo.Last is not { } last)
            return null;
        _undo.RemoveLast();
        _redo.Push(last.Value with { Snapshot = current });
        _lastKey = null;
        return last.Value.Snapshot;
    }

    public string? Redo(string current)
    {
        if (!_redo.TryPop(out var next))
            return null;
        _undo.AddLast(next with { Snapshot = current });
        _lastKey = null;
        return next.Snapshot;
    }
}
