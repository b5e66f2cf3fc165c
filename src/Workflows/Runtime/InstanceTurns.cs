namespace Justice.Workflows.Runtime;

/// <summary>
/// Takes turns per instance within this process: a burst (resume, cancel, retry) and a migration of the same instance
/// run one after the other, so that neither loses to the other's revision and drops an event or a timer. Other
/// processes are still kept apart by the instance row's revision.
/// </summary>
internal sealed class InstanceTurns
{
    readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    readonly Lock _lock = new();

    internal sealed class Entry
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
    }

    /// <summary>Raised with the instance id when a caller has to wait for another's turn to end.</summary>
    internal event Action<string>? Waiting;

    /// <summary>Waits for the instance's turn; disposing the result (once or more) ends it.</summary>
    public async ValueTask<Turn> EnterAsync(string instanceId, CancellationToken cancellationToken)
    {
        Entry entry;
        bool taken;
        lock (_lock)
        {
            if (!_entries.TryGetValue(instanceId, out entry!))
                _entries[instanceId] = entry = new Entry();
            taken = ++entry.Users > 1;
        }
        if (taken)
            Waiting?.Invoke(instanceId);
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(instanceId, entry, release: false);
            throw;
        }
        return new Turn(this, instanceId, entry);
    }

    void Leave(string instanceId, Entry entry, bool release)
    {
        if (release)
            entry.Semaphore.Release();
        lock (_lock)
        {
            if (--entry.Users == 0)
                _entries.Remove(instanceId);
        }
    }

    /// <summary>One instance's turn; ends at the first <see cref="Dispose"/>.</summary>
    internal sealed class Turn(InstanceTurns owner, string instanceId, Entry entry) : IDisposable
    {
        int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
                owner.Leave(instanceId, entry, release: true);
        }
    }
}
