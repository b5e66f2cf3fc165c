using Justice.Workflows.Expressions;

namespace Justice.Workflows.Runtime;

/// <summary>Engine settings (configuration section <c>Workflows</c>).</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>Activities one burst may run before the instance faults (a loop that never waits).</summary>
    public int MaxStepsPerBurst { get; set; } = 10_000;

    /// <summary>SQLite <c>synchronous</c> in WAL mode: NORMAL (fast; the last commits may be lost on power loss, never corrupted) or FULL.</summary>
    public string Synchronous { get; set; } = "NORMAL";

    /// <summary>Database provider: <c>Sqlite</c> (default) or <c>Postgres</c> (<see cref="NormalizeProvider"/>).</summary>
    public string Provider { get; set; } = SqliteProvider;

    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    /// <summary>The provider's canonical name; a Chinese error naming the setting when it is none of them.</summary>
    public static string NormalizeProvider(string? provider) => (provider ?? SqliteProvider).Trim().ToUpperInvariant() switch
    {
        "" or "SQLITE" => SqliteProvider,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => PostgresProvider,
        _ => throw new InvalidOperationException($"不支持的数据库提供程序“{provider}”（Workflows:Provider）：可选 Sqlite 或 Postgres。"),
    };

    /// <summary>
    /// Transactions the process writes bursts in at once, each on a connection of its own (PostgreSQL; default 4).
    /// SQLite admits one writer at a time: there it is always 1.
    /// </summary>
    public int? Writers { get; set; }

    /// <summary>How long a claimed timer stays leased before another process may claim it again.</summary>
    public TimeSpan TimerLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest the timer service sleeps before it looks at the schedule again.</summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the timer service runs in this process.</summary>
    public bool RunTimers { get; set; } = true;

    /// <summary>The time zone in which times are shown (the bureau's).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public ScriptLimits Scripts { get; set; } = new();
}
