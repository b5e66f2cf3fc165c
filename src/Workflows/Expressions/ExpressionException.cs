namespace Justice.Workflows.Expressions;

/// <summary>An expression failed (syntax, runtime error or a sandbox limit); the message is shown in the incident.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
