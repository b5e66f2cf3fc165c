using System.Diagnostics;
using Justice.Workflows.Benchmarks;

if (Array.IndexOf(args, "--documents") >= 0)
    return DocumentBench.Run(Arg("--documents", 5));

if (ArgText("--cases-db") is { } casesDb)
    return await CaseListBench.RunAsync(casesDb, Arg("--repetitions", 50));

// Full lifecycles of a four-activity workflow with one event wait (execute → suspend → trigger → finish),
// in one run on one machine: this engine on SQLite (NORMAL and FULL), WorkflowCore in memory, and raw SQLite commits;
// then this engine on PostgreSQL (one node, two nodes) and raw Npgsql commits. --only ours|workflowcore|raw|pg runs one part;
// --writers N sets the engine's writer loops per node on PostgreSQL (Workflows:Writers).
var lifecycles = Arg("--lifecycles", 10_000);
var concurrency = Arg("--concurrency", 8);
var only = ArgText("--only");
var postgresServer = ArgText("--postgres") ?? "Host=127.0.0.1;Username=postgres;Password=postgres";
var folder = Path.Combine(Path.GetTempPath(), "justice-bench", DateTime.UtcNow.ToString("yyyyMMddHHmmss"));
Directory.CreateDirectory(folder);

Console.WriteLine($"Justice.Workflows lifecycle benchmark: {lifecycles} lifecycles, concurrency {concurrency}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"Workflow: Start → WriteLine → Event(wait) → End; each lifecycle = start (runs to the wait) + trigger (resumes to the end).");
if (File.Exists("/proc/loadavg"))
    Console.WriteLine($"load average at the start (other work on the machine): {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine();

var results = new List<BenchResult>();
if (only is null or "ours")
{
    // A first, unreported run warms the disk cache and the runtime, so that neither setting gets the cold start.
    await JusticeEngineBench.RunAsync("warm-up", Path.Combine(folder, "warm"), "NORMAL", Math.Min(lifecycles, 2000), concurrency);
    results.Add(await JusticeEngineBench.RunAsync("ours, SQLite WAL synchronous=NORMAL", Path.Combine(folder, "normal"), "NORMAL", lifecycles, concurrency));
    results.Add(await JusticeEngineBench.RunAsync("ours, SQLite WAL synchronous=FULL", Path.Combine(folder, "full"), "FULL", lifecycles, concurrency));
}
if (only is null or "workflowcore")
    results.Add(await WorkflowCoreBench.RunAsync(lifecycles, concurrency));
var ours = results.FirstOrDefault(r => r.Name.Contains("NORMAL"));
if (only is null or "raw")
{
    var commitsPerLifecycle = ours?.CommitsPerLifecycle ?? 2;
    results.Add(RawSqliteBench.Run(Path.Combine(folder, "raw"), lifecycles, commitsPerLifecycle, ours?.RowsPerCommit ?? 8, ours?.StateBytes ?? 1200));
    Console.WriteLine($"(raw: the same number of transactions as ours(NORMAL) wrote, each with as many rows as ours wrote per transaction)");
}

if (only is null or "pg")
{
    Console.WriteLine();
    results.AddRange(await PostgresBench.RunAsync(postgresServer, lifecycles, concurrency, ArgText("--writers")));
}

Console.WriteLine();
Console.WriteLine($"{"run",-56} {"lifecycles/s",14} {"commits/lifecycle",18} {"ms (wall)",10}");
foreach (var r in results)
    Console.WriteLine($"{r.Name,-56} {r.PerSecond,14:N0} {r.CommitsPerLifecycle,18:0.00} {r.Elapsed.TotalMilliseconds,10:N0}");
Console.WriteLine();
var wc = results.FirstOrDefault(r => r.Name.StartsWith("WorkflowCore"));
var raw = results.FirstOrDefault(r => r.Name.StartsWith("raw"));
if (ours is not null && wc is not null)
    Console.WriteLine($"ratio ours(NORMAL)/WorkflowCore = {ours.PerSecond / wc.PerSecond:0.00}x");
if (ours is not null && raw is not null)
    Console.WriteLine($"ratio ours(NORMAL)/raw SQLite limit = {ours.PerSecond / raw.PerSecond:0.00}");
var pgOnes = results.Where(r => r.Name.StartsWith("ours, PostgreSQL one node")).ToList();
foreach (var one in pgOnes)
{
    var commit = one.Name[one.Name.LastIndexOf(", ")..];
    var rawPg = results.FirstOrDefault(r => r.Name == $"raw PostgreSQL limit{commit}");
    var two = results.FirstOrDefault(r => r.Name == $"ours, PostgreSQL two nodes{commit}");
    if (rawPg is not null)
        Console.WriteLine($"ratio ours(PostgreSQL one node)/raw PostgreSQL limit{commit} = {one.PerSecond / rawPg.PerSecond:0.00}");
    if (two is not null)
        Console.WriteLine($"ratio PostgreSQL two nodes/one node{commit} = {two.PerSecond / one.PerSecond:0.00}");
    if (wc is not null)
        Console.WriteLine($"ratio ours(PostgreSQL one node)/WorkflowCore{commit} = {one.PerSecond / wc.PerSecond:0.00}x");
}
if (ours?.Breakdown is { } breakdown)
    Console.WriteLine(breakdown);
foreach (var one in pgOnes)
    Console.WriteLine(one.Breakdown);
try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
return 0;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

public sealed record BenchResult(string Name, int Lifecycles, TimeSpan Elapsed, double CommitsPerLifecycle)
{
    public double PerSecond => Lifecycles / Elapsed.TotalSeconds;
    public double RowsPerCommit { get; init; }
    public int StateBytes { get; init; }
    public string? Breakdown { get; init; }

    public static async Task<TimeSpan> DriveAsync(int lifecycles, int concurrency, Func<int, Task> lifecycle)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < lifecycles)
                await lifecycle(i);
        })));
        return watch.Elapsed;
    }
}
