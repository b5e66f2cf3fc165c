using Justice.Workflows.Definitions;

namespace Justice.Workflows.Management;

/// <summary>The outcome of saving a definition: where it landed and what is wrong with it, if anything.</summary>
public sealed record ImportResult(string? DefinitionId, int Version, bool IsPublished, IReadOnlyList<DefinitionProblem> Errors)
{
    /// <summary>The body was not a definition at all (unreadable JSON, no root): nothing was saved.</summary>
    public bool Unreadable { get; init; }

    /// <summary>Someone else saved the definition since the editor opened it: nothing was saved.</summary>
    public string? Conflict { get; init; }
}

/// <summary>Which saved state of a definition an editor started from: the latest version's id and its save time (null id: a new definition).</summary>
public sealed record VersionStamp(string? VersionId, DateTimeOffset? UpdatedAt);

/// <summary>Which version of a definition to read.</summary>
public readonly record struct VersionSelector(string Kind, int Number)
{
    public static readonly VersionSelector Latest = new("latest", 0);
    public static readonly VersionSelector Published = new("published", 0);

    public static VersionSelector Parse(string? text) => text switch
    {
        null or "" or "latest" => Latest,
        "published" => Published,
        _ when int.TryParse(text, out var n) && n > 0 => new("number", n),
        _ => throw new FormatException($"version 参数“{text}”无效：应为 latest、published 或正整数。"),
    };
}
