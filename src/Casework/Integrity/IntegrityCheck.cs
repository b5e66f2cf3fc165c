namespace Justice.Casework.Integrity;

/// <summary>
/// Runs every registered <see cref="IIntegrityCheck"/> in turn — the engine's journal, the case timelines, the audit
/// log, and whatever else is registered — for the command <c>verify-integrity</c> and the administrators' page.
/// </summary>
public sealed class IntegrityCheck(IEnumerable<IIntegrityCheck> checks)
{
    public IReadOnlyList<string> Kinds { get; } = [.. checks.Select(c => c.Kind)];

    public async Task<IntegrityReport> RunAsync(IProgress<IntegrityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var results = new List<IntegrityResult>();
        foreach (var check in checks)
            results.Add(await check.RunAsync(progress, cancellationToken));
        return new IntegrityReport(results, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}

/// <summary>The results of every check; intact when none found anything broken.</summary>
public sealed record IntegrityReport(IReadOnlyList<IntegrityResult> Results, TimeSpan Elapsed)
{
    public bool IsIntact => Results.All(r => r.IsIntact);

    public IEnumerable<IntegrityProblem> Problems => Results.SelectMany(r => r.Problems);
}
