using System.Text.RegularExpressions;

namespace Justice.Workflows.Expressions;

/// <summary>
/// JavaScript functions that only Elsa's own test hosts define, with the C# class behind each. A definition written
/// for those tests that calls one cannot run here; publishing it is refused naming the class, instead of faulting later.
/// </summary>
public static partial class ElsaTestHostFunctions
{
    static readonly Dictionary<string, string> Classes = new(StringComparer.Ordinal)
    {
        // test/component/Elsa.Workflows.ComponentTests/Helpers/Fixtures/WorkflowServer.cs registers it from StaticValueHolder.
        ["getStaticValue"] = "StaticValueHolder（Elsa.Workflows.ComponentTests）",
    };

    /// <summary>The functions of Elsa's test hosts a script calls, each with the class that provides it.</summary>
    public static IEnumerable<(string Function, string Class)> CalledBy(string script)
    {
        foreach (Match call in Call().Matches(script))
        {
            if (Classes.TryGetValue(call.Groups[1].Value, out var type))
                yield return (call.Groups[1].Value, type);
        }
    }

    [GeneratedRegex(@"\b([A-Za-z_$][A-Za-z0-9_$]*)\s*\(")]
    private static partial Regex Call();
}
