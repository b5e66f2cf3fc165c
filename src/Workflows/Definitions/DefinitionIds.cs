using System.Text.RegularExpressions;

namespace Justice.Workflows.Definitions;

/// <summary>What a definition id may be: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, at most 100 characters — never a path.</summary>
public static partial class DefinitionIds
{
    public const int MaxLength = 100;

    public const string Rule = "流程定义 id 只能由字母、数字、“-”、“_”、“.”组成，不超过 100 个字符，且不能是“.”或“..”。";

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(id) && id is not ("." or "..");

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex Pattern();
}
