using Justice.Casework.Calendar;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Casework.Cases;

/// <summary>
/// Looks at the calendar folder at start and then every <see cref="CalendarOptions.CheckInterval"/>; when a year's
/// official data arrives, running periods are counted again (<see cref="PeriodRecalculation"/>).
/// </summary>
public sealed class CalendarWatcher(PeriodRecalculation recalculation, TimeProvider clock, IOptions<CalendarOptions> options, ILogger<CalendarWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await recalculation.CheckAsync(stoppingToken);
                await Task.Delay(options.Value.CheckInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "按节假日安排重算期间时出错，稍后重试");
                await Task.Delay(options.Value.CheckInterval, clock, stoppingToken);
            }
        }
    }
}
