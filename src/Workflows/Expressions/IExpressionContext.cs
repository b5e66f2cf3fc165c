using System.Text.Json.Nodes;

namespace Justice.Workflows.Expressions;

/// <summary>What an expression can see and change of the running instance.</summary>
public interface IExpressionContext
{
    string InstanceId { get; }
    string DefinitionId { get; }
    int DefinitionVersion { get; }
    string? CorrelationId { get; set; }
    string? InstanceName { get; set; }
    JsonNode? LastResult { get; }

    /// <summary>Variable names declared by the definition (generated <c>getX()</c>/<c>setX()</c> use them).</summary>
    IEnumerable<string> VariableNames { get; }
    IEnumerable<string> InputNames { get; }

    /// <summary>Finds a variable by id or name; null when there is none.</summary>
    string? ResolveVariableName(string idOrName);
    JsonNode? GetVariable(string idOrName);

    /// <summary>The declared .NET type of a variable (C# scripts see it typed); null when unknown.</summary>
    Type? VariableType(string name) => null;
    void SetVariable(string idOrName, JsonNode? value);
    JsonNode? GetInput(string name);
    JsonObject Input { get; }
    JsonNode? GetOutputFrom(string activityIdOrName, string? outputName);

    /// <summary>The named activities with outputs (Elsa's generated <c>get{Output}From{ActivityName}()</c> use them).</summary>
    IEnumerable<(string ActivityName, string ActivityId, IReadOnlyList<string> OutputNames)> ActivityOutputs => [];

    /// <summary>Outcomes set by <c>setOutcome</c> / <c>setOutcomes</c> inside a RunJavaScript script.</summary>
    void SetOutcomes(IReadOnlyList<string> outcomes);
}
