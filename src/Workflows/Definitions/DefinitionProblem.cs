namespace Justice.Workflows.Definitions;

/// <summary>
/// One problem found in a definition: a stable <see cref="Code"/>, where it is (<see cref="Path"/> as a JSON path
/// such as <c>$.root.activities[2].condition</c>, and the activity id when there is one) and what is wrong.
/// </summary>
public sealed record DefinitionProblem(string Code, string? Path, string? ActivityId, string Message)
{
    public const string UnreadableJson = "unreadable-json";
    public const string MissingRoot = "missing-root";
    public const string DuplicateId = "duplicate-id";
    public const string MissingId = "missing-id";
    public const string MissingTarget = "missing-target";
    public const string MissingSource = "missing-source";
    public const string MissingPort = "missing-port";
    public const string UnknownActivityType = "unknown-activity-type";
    public const string UnsupportedExpression = "unsupported-expression";

    /// <summary>A C# script uses a type or member outside the allowlist (System.IO, reflection, processes…).</summary>
    public const string ForbiddenScriptSymbol = "forbidden-script-symbol";
    public const string InvalidInput = "invalid-input";
    public const string InvalidBackwardConnection = "invalid-backward-connection";
    public const string UnknownVariable = "unknown-variable";
    public const string NoStartActivity = "no-start-activity";

    /// <summary>The definition changed since the editor or page read it (another administrator saved or published).</summary>
    public const string VersionChanged = "version-changed";
}
