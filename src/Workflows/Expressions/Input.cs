using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;

namespace Justice.Workflows.Expressions;

/// <summary>An input bound from the definition: a literal or an expression, evaluated when the activity runs.</summary>
public abstract class Input
{
    protected Input(Expression expression) => Expression = expression;

    public Expression Expression { get; }

    public abstract Type ValueType { get; }
}

/// <summary>An input whose value is converted to <typeparamref name="T"/>, the activity's declared type.</summary>
public sealed class Input<T>(Expression expression) : Input(expression)
{
    public override Type ValueType => typeof(T);

    public static Input<T> Literal(T value) => new(Expression.Literal(JsonValueOf(value)));

    static JsonNode? JsonValueOf(T value) => value is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(value);
}

/// <summary>An output bound to a workflow variable through <c>memoryReference.id</c> (a variable id or name).</summary>
public abstract class Output
{
    protected Output(string? variableReference) => VariableReference = variableReference;

    public string? VariableReference { get; }

    public abstract Type ValueType { get; }
}

public sealed class Output<T>(string? variableReference) : Output(variableReference)
{
    public override Type ValueType => typeof(T);
}
