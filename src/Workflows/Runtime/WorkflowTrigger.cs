using System.Text.Json.Nodes;

namespace Justice.Workflows.Runtime;

/// <summary>The trigger activity an instance is started through, and what it receives (the request, the tick).</summary>
public sealed record WorkflowTrigger(string ActivityId, JsonNode? Input);
