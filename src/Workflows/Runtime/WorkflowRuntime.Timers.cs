using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Runtime;
/// <summary>Due timers, hand-offs, cron starts and overdue periods.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>Claims and fires due timers (and hand-offs). Returns how many fired.</summary>
    public async Task<int> ProcessDueTimersAsync(TimeSpan lease, int max = 100, CancellationToken cancellationToken = default, IReadOnlyCollection<string>? instanceIds = null)
    {
        var fired = 0;
        var timers = await _timers.ClaimDueTimersAsync(_clock.GetUtcNow(), lease, max, instanceIds, cancellationToken);
        foreach (var timer in timers)
        {
            try
            {
                if (timer.Kind == TimerKinds.MarkOverdue)
                {
                    await MarkOverdueAsync(timer, cancellationToken);
                    fired++;
                    continue;
                }
                if (timer.Kind == TimerKinds.StartTrigger)
                {
                    if (await StartScheduledAsync(timer, cancellationToken))
                        fired++;
                    continue;
                }
                var input = timer.InputJson is null ? null : JsonNode.Parse(timer.InputJson);
                if (await ResumeAsync(timer.BookmarkId, input, null, cancellationToken) is null)
                    await _timers.DeleteTimerAsync(timer.Id, cancellationToken);
                else
                    fired++;
            }
            catch (WorkflowFaultedException)
            {
                // Kept (leased) while the instance is faulted; a retry releases and delivers it.
            }
            catch (WorkflowConflictException)
            {
                await _timers.DeleteTimerAsync(timer.Id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left leased: claimed again when the lease expires.
                _logger.LogError(ex, "定时器 {TimerId} 触发失败", timer.Id);
            }
        }
        return fired;
    }

    /// <summary>
    /// A scheduled trigger came due: the next occurrence is armed (as Elsa's scheduler does, counted from now, so missed
    /// occurrences start once), then the published version starts through the trigger. A version no longer published
    /// drops its schedule; the version that replaced it armed its own.
    /// </summary>
    async Task<bool> StartScheduledAsync(TimerRecord timer, CancellationToken cancellationToken)
    {
        var info = timer.InputJson is null ? null : JsonNode.Parse(timer.InputJson);
        var definitionId = info?["definitionId"]?.GetValue<string>();
        var model = definitionId is null ? null : await _definitions.GetPublishedModelAsync(definitionId, cancellationToken);
        if (model is null || model.VersionId != timer.InstanceId)
        {
            await _timers.DeleteTimerAsync(timer.Id, cancellationToken);
            return false;
        }
        var now = _clock.GetUtcNow();
        if (ScheduledTriggers.Next(model, timer.BookmarkId, now > timer.DueAt ? now : timer.DueAt, _services.ServiceProvider) is { } next)
        {
            await _timers.AddTimerIfAbsentAsync(next, cancellationToken);
            TimerScheduled?.Invoke(next.DueAt);
        }
        await _timers.DeleteTimerAsync(timer.Id, cancellationToken);
        await StartAsync(definitionId!, null, null, new WorkflowTrigger(timer.BookmarkId, info), null, null, cancellationToken);
        return true;
    }

    Task MarkOverdueAsync(TimerRecord timer, CancellationToken cancellationToken) =>
        _timers.MarkOverdueAsync(timer, _overdueEffects.Select(e => e.ForOverdue(timer)).OfType<IBurstEffect>().ToList(), cancellationToken);
}
