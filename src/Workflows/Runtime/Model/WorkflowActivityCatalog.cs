using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;

namespace Justice.Workflows.Runtime.Model;

/// <summary>One version of a definition usable as an activity (<c>options.usableAsActivity</c>), as its consumers see it.</summary>
public sealed record WorkflowActivityEntry
{
    public required string TypeName { get; init; }
    public required string DefinitionId { get; init; }
    public required string VersionId { get; init; }
    public required int Version { get; init; }
    public required bool IsPublished { get; init; }
    public required bool IsLatest { get; init; }
    public required bool AutoUpdateConsumers { get; init; }
    public required ActivityDescriptor Descriptor { get; init; }

    /// <summary>The outcomes the definition declares (its <c>Elsa.Complete</c> may end it with).</summary>
    public required IReadOnlyList<string> Outcomes { get; init; }

    /// <summary>The workflow input behind each activity input (the activity input is the camel-cased name).</summary>
    public required IReadOnlyDictionary<string, string> InputNames { get; init; }

    /// <summary>The workflow output behind each activity output.</summary>
    public required IReadOnlyDictionary<string, string> OutputNames { get; init; }
}

/// <summary>
/// The definitions usable as activities, every version of them, by version id and by type name (Elsa's
/// <c>WorkflowDefinitionActivityProvider</c>): the definitions service keeps it current, the compiler and the designer read it.
/// </summary>
public sealed class WorkflowActivityCatalog
{
    readonly Lock _lock = new();
    Dictionary<string, List<WorkflowActivityEntry>> _byDefinition = new(StringComparer.Ordinal);

    /// <summary>The toolbox category of a definition without <c>options.activityCategory</c> (Elsa's "Workflows").</summary>
    public const string DefaultCategory = "流程模块";

    /// <summary>Whether a definition document declares itself usable as an activity (<c>options.usableAsActivity</c>, or the older top-level key).</summary>
    public static bool IsUsableAsActivity(JsonObject document) =>
        IsTrue(document["options"]?["usableAsActivity"]) || (document["options"]?["usableAsActivity"] is null && IsTrue(document["usableAsActivity"]));

    /// <summary>The activity type name Elsa gives a definition: its name, pascalized (<c>"Subworkflow test"</c> → <c>SubworkflowTest</c>).</summary>
    public static string TypeNameOf(string? definitionName, string definitionId) =>
        string.IsNullOrWhiteSpace(definitionName) ? definitionId : NameCase.Pascalize(definitionName.Trim());

    /// <summary>Replaces what is known of a definition by the given versions (those usable as an activity; the others are dropped).</summary>
    public void SetDefinition(string definitionId, IEnumerable<(JsonObject Document, string VersionId, int Version, bool IsPublished, bool IsLatest)> versions)
    {
        var entries = versions.Where(v => IsUsableAsActivity(v.Document))
            .Select(v => Describe(v.Document, definitionId, v.VersionId, v.Version, v.IsPublished, v.IsLatest))
            .OrderBy(e => e.Version)
            .ToList();
        lock (_lock)
        {
            var copy = new Dictionary<string, List<WorkflowActivityEntry>>(_byDefinition, StringComparer.Ordinal);
            if (entries.Count == 0)
                copy.Remove(definitionId);
            else
                copy[definitionId] = entries;
            _byDefinition = copy;
        }
    }

    public bool IsEmpty => _byDefinition.Count == 0;

    public IReadOnlyCollection<WorkflowActivityEntry> All => _byDefinition.Values.SelectMany(e => e).ToList();

    public WorkflowActivityEntry? FindByVersionId(string versionId) =>
        _byDefinition.Values.SelectMany(e => e).FirstOrDefault(e => e.VersionId == versionId);

    /// <summary>The published version of a definition, else its latest.</summary>
    public WorkflowActivityEntry? FindByDefinition(string definitionId) =>
        _byDefinition.GetValueOrDefault(definitionId) is { } entries ? Preferred(entries) : null;

    /// <summary>By type name: the given version when there is one, else the published version, else the latest.</summary>
    public WorkflowActivityEntry? FindByType(string typeName, int? version = null)
    {
        var entries = _byDefinition.Values.SelectMany(e => e).Where(e => e.TypeName == typeName).ToList();
        if (entries.Count == 0)
            return null;
        return version is { } v && entries.FirstOrDefault(e => e.Version == v) is { } exact ? exact : Preferred(entries);
    }

    /// <summary>
    /// What a node of a consuming definition stands for, as Elsa's activity reader decides it: the version named by
    /// <c>workflowDefinitionVersionId</c> when it exists, else the type name (its <c>version</c>, else published, else latest),
    /// else the definition named by <c>workflowDefinitionId</c>.
    /// </summary>
    public WorkflowActivityEntry? Resolve(JsonObject node)
    {
        if (Text(node["workflowDefinitionVersionId"]) is { } versionId && FindByVersionId(versionId) is { } byVersion)
            return byVersion;
        if (Text(node["type"]) is { } type && FindByType(type, node["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null) is { } byType)
            return byType;
        return Text(node["workflowDefinitionId"]) is { } definitionId ? FindByDefinition(definitionId) : null;
    }

    /// <summary>The toolbox entries: one per definition with a published version usable as an activity.</summary>
    public IReadOnlyList<ActivityDescriptor> Browsable =>
        _byDefinition.Values.Select(e => e.LastOrDefault(x => x.IsPublished)).OfType<WorkflowActivityEntry>().Select(e => e.Descriptor).ToList();

    static WorkflowActivityEntry Preferred(IReadOnlyList<WorkflowActivityEntry> entries) =>
        entries.Where(e => e.IsPublished).MaxBy(e => e.Version) ?? entries.MaxBy(e => e.Version)!;

    static WorkflowActivityEntry Describe(JsonObject document, string definitionId, string versionId, int version, bool isPublished, bool isLatest)
    {
        var name = Text(document["name"]);
        var typeName = TypeNameOf(name, definitionId);
        var inputs = new List<InputDescriptor>();
        var inputNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in (document["inputs"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (Text(input["name"]) is not { } inputName || inputName.Length == 0)
                continue;
            var key = NodeKey(inputName);
            if (!inputNames.TryAdd(key, inputName))
                continue;
            inputs.Add(new InputDescriptor(key, null, ResolveType(input), new InputAttribute
            {
                DisplayName = Text(input["displayName"]) ?? inputName,
                Description = Text(input["description"]),
                UIHint = Text(input["uiHint"]) ?? "singleline",
            }));
        }
        var outputs = new List<OutputDescriptor>();
        var outputNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var output in (document["outputs"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (Text(output["name"]) is not { } outputName || outputName.Length == 0)
                continue;
            var key = NodeKey(outputName);
            if (!outputNames.TryAdd(key, outputName))
                continue;
            outputs.Add(new OutputDescriptor(key, null, ResolveType(output), new OutputAttribute
            {
                DisplayName = Text(output["displayName"]) ?? outputName,
                Description = Text(output["description"]),
            }));
        }
        var outcomes = (document["outcomes"] as JsonArray)?.Select(o => Text(o)).OfType<string>().Where(o => o.Length > 0).Distinct().ToList() ?? [];
        var entry = new WorkflowActivityEntry
        {
            TypeName = typeName,
            DefinitionId = definitionId,
            VersionId = versionId,
            Version = version,
            IsPublished = isPublished,
            IsLatest = isLatest,
            AutoUpdateConsumers = IsTrue(document["options"]?["autoUpdateConsumingWorkflows"]),
            Outcomes = outcomes,
            InputNames = inputNames,
            OutputNames = outputNames,
            Descriptor = null!,
        };
        return entry with
        {
            Descriptor = new ActivityDescriptor
            {
                TypeName = typeName,
                ClrType = typeof(WorkflowDefinitionActivity),
                Category = Text(document["options"]?["activityCategory"]) is { Length: > 0 } category ? category : DefaultCategory,
                DisplayName = string.IsNullOrWhiteSpace(name) ? definitionId : name,
                Description = Text(document["description"]),
                Outcomes = ["Done", .. outcomes.Where(o => o != "Done")],
                Inputs = inputs,
                Outputs = outputs,
                Workflow = new WorkflowActivityReference(definitionId, versionId, version),
            },
        };
    }

    static Type ResolveType(JsonObject port)
    {
        try
        {
            return TypeNames.Resolve(Text(port["type"]) ?? Text(port["typeName"]), port["isArray"] is JsonValue a && a.TryGetValue<bool>(out var b) && b);
        }
        catch (FormatException)
        {
            return typeof(object);
        }
    }

    /// <summary>The properties of Elsa's WorkflowDefinitionActivity: an input or output named like one is written with a leading <c>_</c>.</summary>
    static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "Id", "NodeId", "Name", "Type", "Version", "CanStartWorkflow", "RunAsynchronously", "CommitStrategy", "CustomProperties",
        "SyntheticProperties", "Metadata", "Behaviors", "Variables", "ResultVariable", "Root", "WorkflowDefinitionId", "WorkflowDefinitionVersionId",
        "LatestAvailablePublishedVersion", "LatestAvailablePublishedVersionId",
    };

    /// <summary>The node key of an input or output: its name camel-cased (<c>Message</c> → <c>message</c>), as Elsa writes it.</summary>
    static string NodeKey(string name) => Reserved.Contains(name) ? "_" + name : NameCase.Camel(name);


    static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>The definition version an activity type stands for (on descriptors of definitions usable as activities).</summary>
public sealed record WorkflowActivityReference(string DefinitionId, string VersionId, int Version);
