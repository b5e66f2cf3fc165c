using System.Globalization;
using Justice.Casework.Integrity;

namespace Justice.Portal.Features.Integrity;

/// <summary>
/// <c>dotnet run --project src/Portal -- verify-integrity</c>: checks every record chain (and whatever else is
/// registered as an <see cref="IIntegrityCheck"/>), prints a summary per kind in Chinese and English and the first
/// broken entry of every broken chain; exit code 1 when anything is broken, 0 otherwise.
/// </summary>
public static class IntegrityCommand
{
    public const string Verb = "verify-integrity";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter? progressOutput = null, CancellationToken cancellationToken = default)
    {
        var check = services.GetRequiredService<IntegrityCheck>();
        var lastShown = new Dictionary<string, long>();
        var progress = progressOutput is null ? null : new SynchronousProgress(p =>
        {
            var step = Math.Max(1, p.Total / 10);
            if (lastShown.TryGetValue(p.Kind, out var shown) && (p.Done == shown || (p.Done != p.Total && p.Done - shown < step)))
                return;
            lastShown[p.Kind] = p.Done;
            progressOutput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … {IntegrityText.Kind(p.Kind).Chinese} / {IntegrityText.Kind(p.Kind).English}: {p.Done:N0}/{p.Total:N0}"));
        });
        var report = await check.RunAsync(progress, cancellationToken);
        Write(report, output);
        return report.IsIntact ? 0 : 1;
    }

    public static void Write(IntegrityReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("完整性校验 / Integrity check");
        foreach (var result in report.Results)
        {
            var (zh, en) = IntegrityText.Kind(result.Kind);
            var status = result.IsIntact ? "完好 / intact" : string.Create(c, $"损坏 {result.BrokenChains:N0} 处 / {result.BrokenChains:N0} broken");
            output.WriteLine(string.Create(c, $"{zh} / {en}: {result.Chains:N0} 条链 chains, {result.Entries:N0} 条记录 entries — {status}"));
            if (result.SealNote is { } note && IntegrityText.SealNotes.TryGetValue(note, out var noteText))
                output.WriteLine($"  {noteText.Chinese} / {noteText.English}");
            else if (result.Seals > 0)
                output.WriteLine(string.Create(c, $"  {result.Seals:N0} 日封存完好 / day seals intact"));
            foreach (var problem in result.Problems)
                output.WriteLine("  ✗ " + Describe(problem));
            if (result.BrokenChains > result.Problems.Count)
                output.WriteLine(string.Create(c, $"  … 另有 {result.BrokenChains - result.Problems.Count:N0} 处 / {result.BrokenChains - result.Problems.Count:N0} more"));
        }
        var total = report.Results.Sum(r => r.BrokenChains);
        output.WriteLine(report.IsIntact
            ? string.Create(c, $"结论 / Result: 全部完好 / all intact ({report.Elapsed.TotalSeconds:0.0} s)")
            : string.Create(c, $"结论 / Result: 发现 {total:N0} 处损坏 / {total:N0} broken ({report.Elapsed.TotalSeconds:0.0} s)"));
    }

    /// <summary>One line: table, chain, entry, what is wrong, expected and found.</summary>
    public static string Describe(IntegrityProblem problem)
    {
        var (zh, en) = IntegrityText.Problem(problem.Code);
        var seal = problem.Table == "DaySeals";
        var (chainZh, chainEn) = seal ? ("日封存", "day seal") : IntegrityText.ChainName(problem.Kind);
        var where = seal
            ? $"{problem.Table} {problem.ChainId} {problem.EntryId}"
            : $"{problem.Table} {chainZh} {chainEn} {problem.ChainId}"
              + (problem.Sequence is { } s ? string.Create(CultureInfo.InvariantCulture, $" 序号 sequence {s}") : "")
              + (problem.EntryId is { } id ? $" (id {id})" : "");
        return $"{where}: {zh} / {en} — 应为 expected {Show(problem.Expected)}, 实为 found {Show(problem.Found)}";
    }

    static string Show(string value) => value.Length == 0 ? "—" : value;

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    sealed class SynchronousProgress(Action<IntegrityProgress> report) : IProgress<IntegrityProgress>
    {
        public void Report(IntegrityProgress value) => report(value);
    }
}
