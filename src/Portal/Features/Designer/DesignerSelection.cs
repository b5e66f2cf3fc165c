namespace Justice.Portal.Features.Designer;

/// <summary>What is selected on the canvas: activities by id and connections by index.</summary>
public sealed class DesignerSelection
{
    readonly HashSet<string> _activities = new(StringComparer.Ordinal);
    readonly HashSet<int> _connections = [];

    public IReadOnlyCollection<string> Activities => _activities;

    public IReadOnlyCollection<int> Connections => _connections;

    public bool IsEmpty => _activities.Count == 0 && _connections.Count == 0;

    /// <summary>The one selected activity, when exactly one is selected and nothing else (the property panel shows it).</summary>
    public string? Single => _activities.Count == 1 && _connections.Count == 0 ? _activities.First() : null;

    public bool Contains(string activityId) => _activities.Contains(activityId);

    public bool Contains(int connectionIndex) => _connections.Contains(connectionIndex);

    /// <summary>Selects one activity; with <paramref name="toggle"/> (Ctrl/Shift-click) adds it to or removes it from the selection.</summary>
    public void Select(string activityId, bool toggle = false)
    {
        if (!toggle)
        {
            Clear();
            _activities.Add(activityId);
        }
        else if (!_activities.Remove(activityId))
        {
            _activities.Add(activityId);
        }
    }

    public void SelectConnection(int index, bool toggle = false)
    {
        if (!toggle)
        {
            Clear();
            _connections.Add(index);
        }
        else if (!_connections.Remove(index))
        {
            _connections.Add(index);
        }
    }

    public void SelectMany(IEnumerable<string> activityIds, bool add = false)
    {
        if (!add)
            Clear();
        _activities.UnionWith(activityIds);
    }

    public void Clear()
    {
        _activities.Clear();
        _connections.Clear();
    }

    /// <summary>Drops what no longer exists after an edit, undo or redo.</summary>
    public void Retain(IReadOnlySet<string> activityIds, int connectionCount)
    {
        _activities.IntersectWith(activityIds);
        _connections.RemoveWhere(i => i >= connectionCount);
    }
}
