namespace Justice.Workflows.Expressions;

/// <summary>Sandbox limits of JavaScript and Liquid expressions (configuration section <c>Workflows:Scripts</c>).</summary>
public sealed class ScriptLimits
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
    public int MaxStatements { get; set; } = 100_000;
    public long MaxMemoryBytes { get; set; } = 32 * 1024 * 1024;
    public int MaxRecursion { get; set; } = 200;

    /// <summary>
    /// The largest value (its JSON in UTF-8) an expression may produce and an instance may keep in a variable or an
    /// output; a larger one faults the instance. 0: no limit.
    /// </summary>
    public long MaxValueBytes { get; set; } = 1024 * 1024;
}
