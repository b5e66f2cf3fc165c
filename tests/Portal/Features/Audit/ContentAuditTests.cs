using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Justice.Portal.Features.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Audit;

/// <summary>Template and rule-set files changed beside the portal appear in the audit log at the next start.</summary>
public sealed class ContentAuditTests
{
    static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task ChangedAddedAndRemovedFiles_AreAudited_OncePerChange()
    {
        var root = Path.Combine(Path.GetTempPath(), "justice-content-audit", Guid.NewGuid().ToString("N"));
        var templates = Path.Combine(root, "templates");
        var rules = Path.Combine(root, "rule-sets");
        Copy(Path.Combine(AppContext.BaseDirectory, "templates"), templates);
        Copy(Path.Combine(AppContext.BaseDirectory, "rule-sets"), rules);
        var database = Path.Combine(root, "db");
        Dictionary<string, string?> settings = new() { ["Documents:TemplateFolder"] = templates, ["RuleSets:Folder"] = rules };

        await using (var first = new PortalFactory { Folder = database, Settings = settings })
        {
            await first.ClientAsync();
            var log = await AuditAsync(first);
            Assert.Contains(log, e => e.Action == "template.add" && e.Target == "notary/certificate.html");
            Assert.Contains(log, e => e.Action == "ruleset.add" && e.Target == "hengyang-notary-2021.json");
        }

        File.AppendAllText(Path.Combine(templates, "notary/certificate.html"), "\n{{# 修改 }}\n");
        File.Delete(Path.Combine(rules, "hengyang-legal-aid-2021.json"));
        await using (var second = new PortalFactory { Folder = database, Settings = settings })
        {
            await second.ClientAsync();
            var log = await AuditAsync(second);
            Assert.Single(log, e => e.Action == "template.change" && e.Target == "notary/certificate.html");
            Assert.Single(log, e => e.Action == "ruleset.remove" && e.Target == "hengyang-legal-aid-2021.json");
            Assert.Equal(0, log.Count(e => e.Action == "template.change" && e.Target != "notary/certificate.html"));
            Assert.All(log, e => Assert.Equal(ContentAudit.Actor, e.Actor));
        }

        // A start without changes adds nothing.
        await using (var third = new PortalFactory { Folder = database, Settings = settings })
        {
            await third.ClientAsync();
            await using var scope = third.Services.CreateAsyncScope();
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ContentAudit>().RecordChangesAsync());
        }
    }

    sealed record Entry(string Action, string Target, string Actor);

    static async Task<List<Entry>> AuditAsync(PortalFactory factory)
    {
        var auditor = await factory.ClientAsync(PortalRoles.Auditor);
        var entries = new List<Entry>();
        foreach (var action in new[] { "template", "ruleset" })
        {
            var page = await auditor.GetFromJsonAsync<JsonObject>($"/api/audit?action={action}&pageSize=200");
            entries.AddRange(page!["items"]!.AsArray().Select(e => new Entry(e!["action"]!.GetValue<string>(), e["target"]!.GetValue<string>(), e["actor"]!.GetValue<string>())));
        }
        return entries;
    }
}
