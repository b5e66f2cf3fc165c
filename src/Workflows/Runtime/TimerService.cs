using Justice.Workflows.Runtime.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Runtime;

/// <summary>
/// Sleeps until the earliest due timer (through <see cref="TimeProvider"/>, so tests move time), then fires due
/// timers. The table is the schedule: after a restart nothing needs rebuilding.
/// </summary>
public sealed class TimerService(
    WorkflowRuntime runtime, ITimerStore store, TimeProvider clock, IOptions<WorkflowOptions> options, ILogger<TimerService> logger)
    : BackgroundService
{
    readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        runtime.TimerScheduled += OnTimerScheduled;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await runtime.ProcessDueTimersAsync(options.Value.TimerLease, 100, stoppingToken) > 0)
                    {
                    }
                    await SleepAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "定时服务出错，稍后重试");
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
                }
            }
        }
        finally
        {
            runtime.TimerScheduled -= OnTimerScheduled;
        }
    }

    async Task SleepAsync(CancellationToken stoppingToken)
    {
        var next = await store.NextTimerDueAsync(stoppingToken);
        var now = clock.GetUtcNow();
        if (next is { } overdue && overdue <= now)
            return;
        var wait = options.Value.TimerPollInterval;
        if (next is { } due && due - now < wait)
            wait = due - now;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, clock, timeout.Token);
        var woken = _wake.WaitAsync(timeout.Token);
        await Task.WhenAny(delay, woken);
        await timeout.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    void OnTimerScheduled(DateTimeOffset due) => _wake.Release();

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
