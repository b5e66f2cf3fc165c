using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime.Stores;

/// <summary>Timers: claimed with a lease when due, added, released and deleted outside a burst.</summary>
public interface ITimerStore
{
    /// <summary>Claims due timers with a lease (expired leases are claimed again), optionally only those of some instances.</summary>
    Task<IReadOnlyList<TimerRecord>> ClaimDueTimersAsync(DateTimeOffset now, TimeSpan lease, int max, IReadOnlyCollection<string>? instanceIds = null, CancellationToken cancellationToken = default);

    Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken cancellationToken = default);

    Task DeleteTimerAsync(string timerId, CancellationToken cancellationToken = default);

    /// <summary>Adds a timer on its own (an event kept for a faulted instance, delivered once it runs again).</summary>
    Task AddTimerAsync(TimerRecord timer, CancellationToken cancellationToken = default);

    /// <summary>Adds a timer unless one with its id exists (a trigger's schedule armed again); false when it existed.</summary>
    Task<bool> AddTimerIfAbsentAsync(TimerRecord timer, CancellationToken cancellationToken = default);

    /// <summary>Frees the leases of an instance's timers, so that the due ones fire at the next claim.</summary>
    Task ReleaseTimersAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A task's period ran out while its Overdue port is not connected: the task stays open, marked overdue, and the
    /// effects (the case's period expiring) are written in the same transaction as the timer's removal.
    /// </summary>
    Task MarkOverdueAsync(TimerRecord timer, IReadOnlyList<IBurstEffect> effects, CancellationToken cancellationToken = default);
}
