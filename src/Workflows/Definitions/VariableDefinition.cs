using System.Text.Json.Nodes;

namespace Justice.Workflows.Definitions;

/// <summary>A workflow variable: <c>{id, name, typeName, isArray, value}</c>, its initial value converted to its type.</summary>
public sealed record VariableDefinition(string Id, string Name, string TypeName, bool IsArray, JsonNode? Value);
