using System.Security.Claims;
using Justice.Casework.Integrity;
using Justice.Portal.Features.Audit;

namespace Justice.Portal.Features.Integrity;

/// <summary>Runs the integrity check for the administrators' page, and audits that it was run and what it found.</summary>
public sealed class IntegrityService(IntegrityCheck check, AuditLog audit)
{
    public const string Action = "integrity.check";

    public IReadOnlyList<string> Kinds => check.Kinds;

    public async Task<IntegrityReport> RunAsync(ClaimsPrincipal user, IProgress<IntegrityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = await check.RunAsync(progress, cancellationToken);
        var broken = report.Results.Sum(r => r.BrokenChains);
        var details = report.IsIntact
            ? "完好"
            : $"损坏 {broken} 处：" + string.Join("；", report.Problems.Take(5).Select(p => $"{p.Table} {p.ChainId} #{p.Sequence?.ToString() ?? p.EntryId} {p.Code}"));
        await audit.RecordAsync(user, Action, "records", details, CancellationToken.None);
        return report;
    }
}
