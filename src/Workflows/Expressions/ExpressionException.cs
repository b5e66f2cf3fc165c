namespace Justice.Workflows.Expressions;

/// <summary>An expression failed (syntax, runtime error or a sandbox limit); the message is shown in the incident.</summary>
public sealed class ExpressionException(string message, Exception? inner = null, string code = "expression") : Exception(message, inner)
{
    /// <summary>The incident code: <c>expression</c>, or <c>value-too-large</c> for a value past <see cref="ScriptLimits.MaxValueBytes"/>.</summary>
    public string Code { get; } = code;
}
