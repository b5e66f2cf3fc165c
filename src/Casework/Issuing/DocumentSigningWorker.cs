using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Justice.Casework.Issuing;

/// <summary>
/// Signs issued documents soon after they are issued (outside the issuing transaction, which must stay short): every few
/// seconds, the documents without a PDF, oldest first. After a crash it takes up where it stopped.
/// </summary>
public sealed class DocumentSigningWorker(IssuedDocuments documents, ILogger<DocumentSigningWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        do
        {
            try
            {
                while (await documents.SignPendingAsync(20, stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Signing issued documents failed; trying again shortly.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
