namespace Justice.Workflows.Persistence;

/// <summary>
/// Queues this process's write transactions in memory. SQLite admits one writer at a time; waiting here costs
/// nothing, while waiting in SQLite's busy handler sleeps in steps of milliseconds. Other processes writing the
/// same file still queue through the busy timeout. Providers with row locks get a gate that never waits, and the
/// engine's bursts are written by <paramref name="writers"/> transactions at once.
/// </summary>
public sealed class WriteGate(bool exclusive, int writers = 1)
{
    readonly SemaphoreSlim? _semaphore = exclusive ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Whether writes are queued here (SQLite), which is also when the WAL needs keeping short.</summary>
    public bool IsExclusive => _semaphore is not null;

    /// <summary>The group-commit writers of the engine: one behind an exclusive gate, otherwise as configured.</summary>
    public int Writers { get; } = exclusive ? 1 : Math.Max(1, writers);

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is null)
            return Releaser.None;
        await _semaphore.WaitAsync(cancellationToken);
        return new Releaser(_semaphore);
    }

    sealed class Releaser(SemaphoreSlim? semaphore) : IDisposable
    {
        public static readonly Releaser None = new(null);

        public void Dispose() => semaphore?.Release();
    }
}
