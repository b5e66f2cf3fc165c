using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Casework.Rules;

/// <summary>The rule sets of <c>rule-sets/</c>; picks the version in force on a date.</summary>
public sealed class RuleSetProvider
{
    readonly IReadOnlyList<RuleSet> _sets;

    public RuleSetProvider(IOptions<RuleSetOptions> options, ILogger<RuleSetProvider> logger)
    {
        var folder = options.Value.ResolveFolder();
        var sets = new List<RuleSet>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                try
                {
                    sets.Add(new RuleSet((JsonObject)JsonNode.Parse(File.ReadAllText(file))!));
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidCastException or FormatException)
                {
                    logger.LogError(ex, "规则文件 {File} 无法读取，已忽略。", file);
                }
            }
        }
        else
        {
            logger.LogWarning("规则目录 {Folder} 不存在。", folder);
        }
        _sets = sets;
    }

    public IReadOnlyList<RuleSet> All => _sets;

    public RuleSet? Find(string id) => _sets.FirstOrDefault(s => s.Id == id);

    /// <summary>The rule set of a kind in force on a date: the latest that took effect on or before it.</summary>
    public RuleSet InForce(string kind, DateOnly on) =>
        _sets.Where(s => s.Kind == kind && s.EffectiveFrom <= on).MaxBy(s => s.EffectiveFrom)
        ?? throw new Justice.Workflows.Common.WorkflowFaultException("no-rule-set", $"{on:yyyy-MM-dd} 没有有效的 {kind} 规则。");
}

public sealed class RuleSetOptions
{
    public const string Section = "RuleSets";

    public string? Folder { get; set; }

    public string ResolveFolder()
    {
        if (!string.IsNullOrWhiteSpace(Folder))
            return Path.GetFullPath(Folder);
        var beside = Path.Combine(AppContext.BaseDirectory, "rule-sets");
        if (Directory.Exists(beside))
            return beside;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "rule-sets");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return beside;
    }
}
