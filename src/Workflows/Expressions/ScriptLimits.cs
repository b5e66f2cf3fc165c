namespace Justice.Workflows.Expressions;

/// <summary>Sandbox limits of JavaScript and Liquid expressions (configuration section <c>Workflows:Scripts</c>).</summary>
public sealed class ScriptLimits
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
    public int MaxStatements { get; set; } = 100_000;
    public long MaxMemoryBytes { get; set; } = 32 * 1024 * 1024;
    public int MaxRecursion { get; set; } = 200;
}
