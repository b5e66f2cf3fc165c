using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Justice.Workflows.Runtime;

/// <summary>
/// Counters of the engine (meter <c>Justice.Workflows</c>), readable with <c>dotnet-counters monitor --counters Justice.Workflows</c>:
/// bursts run, commits, conflicts lost, and the time spent running activities, loading and committing.
/// </summary>
public static class WorkflowMetrics
{
    public const string MeterName = "Justice.Workflows";

    static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Bursts = Meter.CreateCounter<long>("justice.workflows.bursts", description: "Bursts run (start, resume, cancel)");
    public static readonly Counter<long> Commits = Meter.CreateCounter<long>("justice.workflows.commits", description: "Transactions committed by bursts");
    public static readonly Counter<long> Transactions = Meter.CreateCounter<long>("justice.workflows.transactions", description: "Database transactions written (a group commit holds several bursts)");
    public static readonly Counter<long> Checkpoints = Meter.CreateCounter<long>("justice.workflows.checkpoints", description: "WAL restart checkpoints taken to keep the log short under constant load");
    public static readonly Counter<long> Conflicts = Meter.CreateCounter<long>("justice.workflows.conflicts", description: "Bursts that lost a race (bookmark consumed, instance moved on)");
    public static readonly Counter<long> Reads = Meter.CreateCounter<long>("justice.workflows.reads", description: "SQL round trips reading instances and bookmarks on the hot path");
    public static readonly Counter<long> Rows = Meter.CreateCounter<long>("justice.workflows.rows", description: "Rows written by commits (inserted, updated or deleted)");
    public static readonly Counter<long> Statements = Meter.CreateCounter<long>("justice.workflows.statements", description: "SQL commands sent by commits");
    public static readonly Histogram<double> RunTime = Meter.CreateHistogram<double>("justice.workflows.run.duration", "ms", "Time running activities in a burst");
    public static readonly Histogram<double> LoadTime = Meter.CreateHistogram<double>("justice.workflows.load.duration", "ms", "Time loading an instance and its bookmarks");
    public static readonly Histogram<double> CommitTime = Meter.CreateHistogram<double>("justice.workflows.commit.duration", "ms", "Time committing a burst, waiting for the write gate included");

    public static double Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
}
