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
    public WorkflowModel() => Definition = this;

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

    /// <summary>The activity that contains each activity: its flowchart or structured activity (absent for the root).</summary>
    public required IReadOnlyDictionary<string, Activity> Owners { get; init; }
    public required IReadOnlyList<DefinitionProblem> Problems { get; init; }

    internal DefinitionCompiler? Compiler { get; init; }

    /// <summary>The model as compiled from the definition, without any instance's iteration copies.</summary>
    public WorkflowModel Definition { get; private init; } = null!;

    /// <summary>
    /// The model of one instance whose ParallelForEach activities run iterations: each iteration's body is a copy
    /// with ids suffixed <c>#k</c> (nested loops stack their suffixes), so that iterations keep apart their state,
    /// bookmarks and journal. Outer loops come first in <paramref name="expansions"/>.
    /// </summary>
    public WorkflowModel Expand(IReadOnlyList<Expansion> expansions) =>
        expansions.Count == 0 || Definition.Compiler is null ? Definition : Definition.With(expansions);

    /// <summary>This model with <paramref name="count"/> copies of <paramref name="owner"/>'s body added (those it lacks).</summary>
    internal WorkflowModel WithIterations(CompositeActivity owner, int count) =>
        Definition.Compiler is null ? this : With([new Expansion(owner.Id, count)]);

    WorkflowModel With(IEnumerable<Expansion> expansions)
    {
        var activities = new Dictionary<string, Activity>(Activities, StringComparer.Ordinal);
        var owners = new Dictionary<string, Activity>(Owners, StringComparer.Ordinal);
        foreach (var expansion in expansions)
        {
            if (activities.GetValueOrDefault(expansion.OwnerId) is not CompositeActivity owner || owner.Children.Count == 0)
                continue;
            var body = owner.Children[0];
            for (var k = 0; k < expansion.Count; k++)
            {
                if (!activities.ContainsKey(body.Id + IterationSuffix(k)))
                    Definition.Compiler!.CompileCopy(body.Node, IterationSuffix(k), owner, activities, owners);
            }
        }
        return new WorkflowModel
        {
            DefinitionId = DefinitionId,
            VersionId = VersionId,
            Version = Version,
            Name = Name,
            Document = Document,
            Variables = Variables,
            InputNames = InputNames,
            OutputNames = OutputNames,
            Root = Root,
            Activities = activities,
            Owners = owners,
            Problems = Problems,
            Compiler = Definition.Compiler,
            Definition = Definition,
        };
    }

    /// <summary>The id suffix of iteration <paramref name="k"/>'s copy.</summary>
    public static string IterationSuffix(int k) => "#" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id an activity has in the definition (an iteration copy's id without its suffixes).</summary>
    public static string DefinitionIdOf(string activityId)
    {
        var hash = activityId.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? activityId : activityId[..hash];
    }

    public bool IsValid => Problems.Count == 0;

    /// <summary>The flowchart an activity is a node of; null for the root and for a child of a structured activity.</summary>
    public Flowchart? ParentOf(string activityId) => Owners.GetValueOrDefault(activityId) as Flowchart;

    /// <summary>The flowchart or structured activity that contains the activity; null for the root.</summary>
    public Activity? OwnerOf(string activityId) => Owners.GetValueOrDefault(activityId);

    /// <summary>Whether <paramref name="activityId"/> is <paramref name="ancestorId"/> or lies inside it.</summary>
    public bool IsWithin(string activityId, string ancestorId)
    {
        for (var id = activityId; ; )
        {
            if (id == ancestorId)
                return true;
            var parent = OwnerOf(id);
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
