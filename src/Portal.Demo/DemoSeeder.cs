using System.Diagnostics;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Justice.Casework.Cases;
using Justice.Casework.Intake;
using Justice.Casework.Tasks;

namespace Justice.Portal.Demo;

/// <summary>
/// Fills the database with demo cases of all four kinds, every one driven through the real engine by the same
/// tasks staff complete, and flagged as demo. Every stage and branch of docs/domain/demo-data.md §4 gets cases; closed cases
/// are spread over 2024–2026 (holidays included), open ones were filed in the last days so their periods run now.
/// </summary>
public sealed partial class DemoSeeder(IServiceProvider services, ILogger<DemoSeeder> logger)
{
    const string Domain = AccountSeeder.DemoDomain;
    static readonly TaskUser Director = new($"director@{Domain}", ["director"]);
    static readonly TaskUser NotaryHead = new($"notary-head@{Domain}", ["notary-head"]);
    static readonly TaskUser AidOfficer = new($"legalaid-officer@{Domain}", ["legalaid-officer"]);
    static readonly TaskUser AidHead = new($"legalaid-head@{Domain}", ["legalaid-head"]);
    static readonly TaskUser Supervisor = new($"supervisor@{Domain}", ["supervisor"]);
    static readonly TaskUser Reviewer = new($"reviewer@{Domain}", ["reviewer"]);
    static readonly string[] Reviewers = [$"reviewer@{Domain}", $"reviewer2@{Domain}"];
    static readonly string[] Verifiers = [$"verifier@{Domain}", $"verifier2@{Domain}"];

    public sealed record Progress(int Done, int Total, int Failed, TimeSpan Elapsed);

    /// <summary>Whether demo cases exist already.</summary>
    public Task<bool> HasDemoDataAsync(CancellationToken cancellationToken = default) =>
        services.GetRequiredService<IntakeQueries>().HasDemoCasesAsync(cancellationToken);

    public async Task<Progress> SeedAsync(int count, int concurrency = 8, int? randomSeed = null, Action<Progress>? report = null, CancellationToken cancellationToken = default)
    {
        // A fresh seed each run, so that a second run adds other people rather than the same ones again.
        var seed = randomSeed ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue / 64);
        var people = new DemoPeople(seed);
        var scenarios = Scenarios();
        var firstOfKind = scenarios.Select((s, i) => (Kind: s.Name.Split('/')[0], i)).GroupBy(x => x.Kind).Select(g => g.First().i).ToHashSet();
        var watch = Stopwatch.StartNew();
        int done = 0, failed = 0;
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            // The first round covers every scenario once; then kinds and stages are drawn at random.
            var scenario = i < scenarios.Count ? scenarios[i] : scenarios[new Random(seed + i).Next(scenarios.Count)];
            var random = new Random(seed * 31 + i);
            try
            {
                var filed = scenario.Open ? now.AddDays(-scenario.Days - random.Next(1, 7)).AddHours(-random.Next(0, 8)) : HistoricalDate(random, now);
                DemoClock.Set(filed);
                await scenario.Run(new Context(new DemoFlow(services), people, random, i, firstOfKind.Contains(i)), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
                logger.LogWarning(ex, "演示案件 {Index}（{Scenario}）未能生成", i, scenario.Name);
            }
            finally
            {
                DemoClock.Reset();
            }
            var finished = Interlocked.Increment(ref done);
            if (finished % Math.Max(1, count / 20) == 0 || finished == count)
                report?.Invoke(new Progress(finished, count, failed, watch.Elapsed));
        });
        return new Progress(done, count, failed, watch.Elapsed);
    }

    /// <summary>A filing date in 2024–2026, a third of them in the days just before an official holiday.</summary>
    static DateTimeOffset HistoricalDate(Random random, DateTimeOffset now)
    {
        DateOnly day;
        if (random.Next(3) == 0)
        {
            DateOnly[] holidays = [new(2024, 2, 10), new(2024, 5, 1), new(2024, 10, 1), new(2025, 1, 28), new(2025, 5, 1), new(2025, 10, 1), new(2026, 1, 1), new(2026, 2, 15), new(2026, 5, 1), new(2026, 10, 1)];
            day = holidays[random.Next(holidays.Length)].AddDays(-random.Next(1, 10));
        }
        else
        {
            day = new DateOnly(2024, 1, 8).AddDays(random.Next((DateOnly.FromDateTime(now.Date).AddDays(-120).DayNumber - new DateOnly(2024, 1, 8).DayNumber)));
        }
        return new DateTimeOffset(day.ToDateTime(new TimeOnly(1 + random.Next(8), random.Next(60))), TimeSpan.Zero);
    }

    sealed record Context(DemoFlow Flow, DemoPeople People, Random Random, int Index, bool DemoApplicant)
    {
        public string Staff(string role, int variants = 3) => Index % variants == 0 ? $"{role}@{Domain}" : $"{role}{Index % variants + 1}@{Domain}";

        /// <summary>The demo applicant is a party to the first case of each kind and to one case in twelve.</summary>
        public string? ApplicantAccount => DemoApplicant || Index % 12 == 0 ? $"applicant@{Domain}" : null;

        public Task Days(double days, CancellationToken ct) => Flow.AdvanceAsync(TimeSpan.FromDays(days), ct);

        public string Today => DemoClockToday();

        static string DemoClockToday() => new DemoClock().GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
    }

    /// <summary>A path through a process; <see cref="Days"/> is how long it lets pass, so open cases end about now.</summary>
    sealed record Scenario(string Name, bool Open, Func<Context, CancellationToken, Task> Run, int Days = 0);

    /// <summary>A seed whose draw at 20 % is (or is not) sampled, planned for the scenario's own draw: verification branches appear where a scenario needs them.</summary>
    static int SamplingSeed(bool sampled, int offset) =>
        Enumerable.Range(offset * 7 + 1, 5000).First(seed => VerificationSampler.Run(seed, 0.2, Verifiers).Sampled == sampled);
}
