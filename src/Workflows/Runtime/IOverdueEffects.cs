using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime;

/// <summary>
/// What else changes when a task's period runs out while its Overdue port is not connected (the case's period
/// expires): an effect written in the transaction that marks the task overdue.
/// </summary>
public interface IOverdueEffects
{
    IBurstEffect? ForOverdue(TimerRecord timer);
}
