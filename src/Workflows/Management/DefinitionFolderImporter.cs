using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Microsoft.Extensions.Logging;

namespace Justice.Workflows.Management;

/// <summary>
/// Imports and publishes the shipped definitions at start-up (docs/workflow-format.md §6): a file is taken only when the
/// database has no version of its definition, or when the file's version is higher than every stored version
/// and no newer draft exists. An administrator's edits are never overwritten.
/// </summary>
public sealed class DefinitionFolderImporter(WorkflowDefinitionService definitions, IWorkflowDefinitionStore store, ILogger<DefinitionFolderImporter> logger)
{
    public async Task<IReadOnlyList<string>> ImportAsync(string folder, CancellationToken cancellationToken = default)
    {
        var imported = new List<string>();
        var waiting = new List<(string File, string DefinitionId, JsonObject Document)>();
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("流程定义目录 {Folder} 不存在", folder);
            return imported;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            var document = DefinitionJson.Parse(text, out var problem);
            if (document is null)
            {
                logger.LogError("流程定义文件 {File} 无法读取：{Problem}", file, problem?.Message);
                continue;
            }
            var definitionId = document["definitionId"]?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(file);
            var fileVersion = document["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 1;
            var stored = await store.ListVersionsAsync(definitionId, cancellationToken);
            if (stored.Count > 0 && (stored.Max(s => s.Version) >= fileVersion || stored.Any(s => !s.IsPublished && s.IsLatest)))
                continue;
            document["definitionId"] = definitionId;
            var result = await definitions.ImportAsync(DefinitionJson.Write(document), publish: true, cancellationToken);
            if (result.Errors.Count == 0)
                imported.Add(definitionId);
            else if (result.Errors.Any(e => e.Code == DefinitionProblem.UnknownActivityType))
                waiting.Add((file, definitionId, document));
            else
                logger.LogError("流程定义 {File} 未通过校验，保存为草稿：{Errors}", file, string.Join("；", result.Errors.Select(e => $"{e.Path} {e.Message}")));
        }
        await RetryWaitingAsync(waiting, imported, cancellationToken);
        return imported;
    }

    /// <summary>A definition using another one as an activity is published once that one is (files are read in name order).</summary>
    async Task RetryWaitingAsync(List<(string File, string DefinitionId, JsonObject Document)> waiting, List<string> imported, CancellationToken cancellationToken)
    {
        var progress = true;
        while (progress && waiting.Count > 0)
        {
            progress = false;
            foreach (var item in waiting.ToList())
            {
                var result = await definitions.ImportAsync(DefinitionJson.Write(item.Document), publish: true, cancellationToken);
                if (result.Errors.Count > 0)
                    continue;
                waiting.Remove(item);
                imported.Add(item.DefinitionId);
                progress = true;
            }
        }
        foreach (var (file, definitionId, _) in waiting)
            logger.LogError("流程定义 {File}（{DefinitionId}）引用的流程活动未发布，保存为草稿", file, definitionId);
    }

    /// <summary>The version of the shipped file of a definition in the folder, or null when none is shipped.</summary>
    public static async Task<int?> ShippedVersionAsync(string folder, string definitionId, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
            return null;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var document = DefinitionJson.Parse(await File.ReadAllTextAsync(file, cancellationToken), out _);
            if (document is null || (document["definitionId"]?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(file)) != definitionId)
                continue;
            return document["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 1;
        }
        return null;
    }
}
