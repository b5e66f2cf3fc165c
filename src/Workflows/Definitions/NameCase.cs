using System.Text.RegularExpressions;

namespace Justice.Workflows.Definitions;

/// <summary>Names as Elsa derives them: a definition's activity type name, generated script accessors, node keys.</summary>
public static partial class NameCase
{
    /// <summary>Humanizer's Pascalize, as Elsa uses it: <c>"Subworkflow test"</c> → <c>SubworkflowTest</c>, <c>"a_b"</c> → <c>AB</c>.</summary>
    public static string Pascalize(string name) => PascalizePattern().Replace(name, m => m.Groups[1].Value.ToUpperInvariant());

    /// <summary>The first letter lower-cased, as Elsa's JSON writer names properties (<c>Message</c> → <c>message</c>).</summary>
    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex("(?:^|_| +)(.)")]
    private static partial Regex PascalizePattern();
}
