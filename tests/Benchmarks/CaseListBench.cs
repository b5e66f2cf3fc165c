using System.Diagnostics;
using Justice.Casework;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Justice.Workflows.Benchmarks;

/// <summary>
/// Case lists and searches as the portal runs them (<see cref="CaseQueries.ListAsync"/>), on a database filled by the seeding command,
/// for viewers who see everything, a whole kind, or only their own cases; p50 and p95 per query.
/// </summary>
public static class CaseListBench
{
    sealed record Probe(string Name, CaseViewer Viewer, CaseListQuery Query);

    /// <param name="database">A SQLite file, or a PostgreSQL connection string (<c>Host=…;Database=…</c>).</param>
    public static async Task<int> RunAsync(string database, int repetitions)
    {
        var postgres = database.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        if (!postgres && !File.Exists(database))
        {
            Console.Error.WriteLine($"数据库 {database} 不存在：先运行 dotnet run --project src/Portal -- seed --cases 100000 填充。");
            return 2;
        }
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Workflows:Provider"] = postgres ? "Postgres" : "Sqlite" }).Build();
        var connectionString = postgres ? database : $"Data Source={database}";
        var databasePath = postgres ? $"PostgreSQL {new Npgsql.NpgsqlConnectionStringBuilder(database).Database}" : database;
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddJusticeWorkflows(configuration, connectionString)
            .AddJusticeCasework(configuration, connectionString)
            .BuildServiceProvider();
        // A database seeded by an older build gets the newer indexes first.
        await services.MigrateWorkflowDatabaseAsync();
        await services.MigrateCaseworkDatabaseAsync();
        var queries = services.GetRequiredService<CaseQueries>();
        var domain = "demo.justice.local";
        CaseViewer Viewer(string role) => new($"{role}@{domain}", [role]);

        var total = (await queries.ListAsync(Viewer("supervisor"), new CaseListQuery(null, null, null, null, null, null, 1, 1))).TotalCount;
        var sample = (await queries.ListAsync(Viewer("secretary"), new CaseListQuery("arbitration", null, null, null, null, null, 1, 50))).Items;
        var number = sample.Select(c => c.Number).FirstOrDefault(n => n is not null) ?? "衡仲字";
        var party = sample.SelectMany(c => c.Parties).FirstOrDefault() ?? "王";
        var person = sample.SelectMany(c => c.Parties).FirstOrDefault(p => p.Length is 2 or 3) ?? "王芳";
        var surname = person[..1];
        Console.WriteLine($"Case list benchmark: {total:N0} cases in {databasePath}; {repetitions} runs per query after one warm-up run");
        Console.WriteLine();

        var today = DateOnly.FromDateTime(DateTime.Today);
        var probes = new List<Probe>
        {
            new("supervisor: all kinds, page 1", Viewer("supervisor"), new(null, null, null, null, null, null, 1, 25)),
            new("supervisor: all kinds, page 100", Viewer("supervisor"), new(null, null, null, null, null, null, 100, 25)),
            new("secretary: arbitration, page 1", Viewer("secretary"), new("arbitration", null, null, null, null, null, 1, 25)),
            new("secretary: sort by number asc", Viewer("secretary"), new("arbitration", null, null, null, null, null, 1, 25, "number", false)),
            new("secretary: stage 组庭", Viewer("secretary"), new("arbitration", null, "组庭", null, null, null, 1, 25)),
            new("secretary: filed in last 90 days", Viewer("secretary"), new("arbitration", null, null, today.AddDays(-90), today, null, 1, 25)),
            new($"secretary: number \"{number}\"", Viewer("secretary"), new("arbitration", number, null, null, null, null, 1, 25)),
            new($"secretary: party name \"{party}\"", Viewer("secretary"), new("arbitration", party, null, null, null, null, 1, 25)),
            new($"supervisor: party surname \"{surname}\"", Viewer("supervisor"), new(null, surname, null, null, null, null, 1, 25)),
            new("supervisor: \"衡\" (in almost every number)", Viewer("supervisor"), new(null, "衡", null, null, null, null, 1, 25)),
            new("notary: notary, open", Viewer("notary"), new("notary", null, null, null, null, CaseStatus.Open, 1, 25)),
            new("applicant: my cases", Viewer("applicant"), new(null, null, null, null, null, null, 1, 25)),
            new($"applicant: my cases, search \"{surname}\"", Viewer("applicant"), new(null, surname, null, null, null, null, 1, 25)),
            new("notary: commitment cases of the office", Viewer("notary"), new("commitment", null, null, null, null, null, 1, 25)),
            new("arbitrator: my tribunals' cases", Viewer("arbitrator"), new("arbitration", null, null, null, null, null, 1, 25)),
        };

        Console.WriteLine($"{"query",-48} {"rows",8} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
        var worst = 0.0;
        foreach (var probe in probes)
        {
            var (_, rows) = await queries.ListAsync(probe.Viewer, probe.Query);
            var times = new List<double>(repetitions);
            for (var i = 0; i < repetitions; i++)
            {
                var watch = Stopwatch.StartNew();
                await queries.ListAsync(probe.Viewer, probe.Query);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            var p95 = Percentile(times, 0.95);
            worst = Math.Max(worst, p95);
            Console.WriteLine($"{probe.Name,-48} {rows,8:N0} {Percentile(times, 0.5),8:0.0} {p95,8:0.0} {times[^1],8:0.0}");
        }
        // The inbox behind /inbox: open tasks the user may act on (roles, named, and relations to cases).
        var tasks = services.GetRequiredService<Justice.Casework.Tasks.TaskService>();
        foreach (var role in new[] { "secretary", "arbitrator", "notary", "director" })
        {
            var user = new Justice.Casework.Tasks.TaskUser($"{role}@{domain}", [role]);
            var (_, count) = await tasks.ListAsync(user, 1, 25);
            var times = new List<double>(repetitions);
            for (var i = 0; i < repetitions; i++)
            {
                var watch = Stopwatch.StartNew();
                await tasks.ListAsync(user, 1, 25);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{$"inbox: {role}",-48} {count,8:N0} {Percentile(times, 0.5),8:0.0} {Percentile(times, 0.95),8:0.0} {times[^1],8:0.0}");
        }
        Console.WriteLine();
        Console.WriteLine($"worst p95 of the case lists = {worst:0.0} ms; goal 300 ms; ratio worst/goal = {worst / 300:0.00}");
        return 0;
    }

    static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
