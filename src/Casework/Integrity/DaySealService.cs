using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Casework.Integrity;

/// <summary>Seals finished days at start and then at least every <see cref="IntegrityOptions.SealInterval"/> (nothing without a signing key).</summary>
public sealed class DaySealService(DaySealing sealing, TimeProvider clock, IOptions<IntegrityOptions> options, ILogger<DaySealService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sealing.CanSeal)
        {
            logger.LogInformation("未配置签名密钥：每日链头不封存。");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sealing.SealFinishedDaysAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "每日链头封存失败，稍后重试。");
            }
            try
            {
                await Task.Delay(options.Value.SealInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
