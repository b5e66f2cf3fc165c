using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Runtime.Model;

/// <summary>
/// A compiled definition version: its activities bound to their inputs, its flowcharts with connection indexes.
/// Immutable and shared by every instance of the version (cached by version id).
/// </summary>
public sealed class WorkflowModel
{
    public required string DefinitionId { get; init; }
    public required string VersionId { get; init; }
    public required int Version { get; init; }
    public string? Name { get; init; }
    public required JsonObject Document { get; init; }
    public required IReadOnlyList<VariableDefinition> Variables { get; init; }
    public required IReadOnlyList<string> InputNames { get; init; }

    /// <summary>The declared workflow outputs; an activity output whose memory reference names one (and no variable) sets it.</summary>
    public IReadOnlyList<string> OutputNames { get; init; } = [];
    public required Activity Root { get; init; }
    public required IReadOnlyDictionary<string, Activity> Activities { get; init; }

    /// <summary>The flowchart that contains each activity (absent for the root).</summary>
    public required IReadOnlyDictionary<string, Flowchart> Parents { get; init; }
    public required IReadOnlyList<DefinitionProblem> Problems { get; init; }

    public bool IsValid => Problems.Count == 0;

    public Flowchart? ParentOf(string activityId) => Parents.GetValueOrDefault(activityId);

    /// <summary>Whether <paramref name="activityId"/> is <paramref name="ancestorId"/> or lies inside it.</summary>
    public bool IsWithin(string activityId, string ancestorId)
    {
        for (var id = activityId; ; )
        {
            if (id == ancestorId)
                return true;
            var parent = ParentOf(id);
            if (parent is null)
                return false;
            id = parent.Id;
        }
    }

    public Activity? FindByIdOrName(string idOrName) =>
        Activities.GetValueOrDefault(idOrName) ?? Activities.Values.FirstOrDefault(a => a.Name == idOrName);

    public VariableDefinition? FindVariable(string idOrName) =>
        Variables.FirstOrDefault(v => v.Id == idOrName) ?? Variables.FirstOrDefault(v => v.Name == idOrName);
}
