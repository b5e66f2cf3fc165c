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

    internal Func<string, bool> OutputExists { get; set; } = _ => false;

    /// <summary>The definition's variables and inputs as its C# scripts see them.</summary>
    internal Expressions.CSharp.CSharpPrelude ScriptPrelude { get; set; } = Expressions.CSharp.CSharpPrelude.Empty;

    /// <summary>
    /// Checks a C# script of an activity's input: forbidden types or members, else compile errors, reported on the
    /// input's path and naming the activity.
    /// </summary>
    public void CheckCSharp(Activity activity, string input, string script)
    {
        if (!ChecksScripts)
            return;
        Expressions.CSharpEvaluator.Check(script, ScriptPrelude, out var forbidden, out var error);
        if (forbidden.Count > 0)
            Add(activity, DefinitionProblem.ForbiddenScriptSymbol, input,
                $"活动“{activity.DisplayName}”的输入 {input} 的 C# 脚本使用了不允许的类型或成员：{string.Join("、", forbidden)}。");
        else if (error is not null)
            Add(activity, DefinitionProblem.InvalidInput, input, $"活动“{activity.DisplayName}”的输入 {input} 的 C# 脚本有编译错误：{error}");
    }

    /// <summary>False while compiling copies of an already checked body (ParallelForEach iterations).</summary>
    internal bool ChecksScripts { get; set; } = true;

    internal void SetPath(string activityId, string path) => _paths[activityId] = path;

    public string PathOf(Activity activity) => _paths.GetValueOrDefault(activity.Id, "$");

    public bool HasVariable(string idOrName) => VariableExists(idOrName);

    public void Add(string code, string? path, string? activityId, string message) =>
        _problems.Add(new DefinitionProblem(code, path, activityId, message));

    public void Add(Activity activity, string code, string input, string message) =>
        Add(code, $"{PathOf(activity)}.{input}", activity.Id, message);
}
