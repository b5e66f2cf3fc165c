using System.Security.Cryptography;
using Justice.Portal.Data;
using Justice.Casework.Documents;
using Justice.Casework.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Justice.Portal.Features.Audit;

/// <summary>
/// Templates and rule sets are files that administrators edit beside the portal. At every start the portal compares each file's
/// SHA-256 with the one the audit log last recorded and logs what was added, changed or removed, so that the auditor sees these
/// changes like any other.
/// </summary>
public sealed class ContentAudit(ApplicationDbContext db, AuditLog audit, DocumentRenderer documents, IOptions<RuleSetOptions> ruleSets, ILogger<ContentAudit> logger)
{
    public const string Actor = "system（文件）";

    public async Task<int> RecordChangesAsync(CancellationToken cancellationToken = default)
    {
        var changes = 0;
        changes += await CompareAsync("template", documents.TemplateFolder, "*.html", cancellationToken);
        changes += await CompareAsync("ruleset", ruleSets.Value.ResolveFolder(), "*.json", cancellationToken);
        if (changes > 0)
            logger.LogInformation("模板与规则集：{Count} 处变更已记入审计日志。", changes);
        return changes;
    }

    async Task<int> CompareAsync(string kind, string folder, string pattern, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, pattern, SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
                current[name] = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file, cancellationToken)));
            }
        }
        // The last recorded hash of each file: the newest entry per target among this kind's entries.
        var entries = await db.AuditLog.AsNoTracking().Where(e => e.Action.StartsWith(kind + ".")).OrderBy(e => e.Id)
            .Select(e => new { e.Target, e.Action, e.Details }).ToListAsync(cancellationToken);
        var known = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var e in entries)
            known[e.Target] = e.Action.EndsWith(".remove") ? null : e.Details?.Replace("sha256:", "");
        var changes = 0;
        foreach (var (name, hash) in current.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var had = known.GetValueOrDefault(name);
            if (had == hash)
                continue;
            await audit.RecordAsync(Actor, had is null ? $"{kind}.add" : $"{kind}.change", name, $"sha256:{hash}", cancellationToken);
            changes++;
        }
        foreach (var (name, hash) in known.Where(k => k.Value is not null && !current.ContainsKey(k.Key)))
        {
            await audit.RecordAsync(Actor, $"{kind}.remove", name, null, cancellationToken);
            changes++;
        }
        return changes;
    }
}
