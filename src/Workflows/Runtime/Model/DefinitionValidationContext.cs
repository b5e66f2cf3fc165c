using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Runtime.Model;

/// <summary>Collects problems while a definition is compiled; activities add their own checks through it.</summary>
public sealed class DefinitionValidationContext
{
    readonly List<DefinitionProblem> _problems = [];
    readonly Dictionary<string, string> _paths = new(StringComparer.Ordinal);

    public IReadOnlyList<DefinitionProblem> Problems => _problems;

    internal IReadOnlyDictionary<string, string> Paths => _paths;

    internal Func<string, bool> VariableExists { get; set; } = _ => true;

    internal void SetPath(string activityId, string path) => _paths[activityId] = path;

    public string PathOf(Activity activity) => _paths.GetValueOrDefault(activity.Id, "$");

    public bool HasVariable(string idOrName) => VariableExists(idOrName);

    public void Add(string code, string? path, string? activityId, string message) =>
        _problems.Add(new DefinitionProblem(code, path, activityId, message));

    public void Add(Activity activity, string code, string input, string message) =>
        Add(code, $"{PathOf(activity)}.{input}", activity.Id, message);
}
