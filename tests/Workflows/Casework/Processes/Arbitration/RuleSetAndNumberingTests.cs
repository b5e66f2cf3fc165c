using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Casework.Processes.Arbitration.ArbitrationScenario;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Casework.Processes.Arbitration;

public sealed class RuleSetAndNumberingTests
{
    [Fact]
    public async Task LaterRuleSet_AppliesToLaterCases_AndNeverChangesEarlierOnes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-rules", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "rule-sets"), "*.json"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var later = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "hengyang-arbitration-2026.json")))!.AsObject();
        later["id"] = "hengyang-arbitration-2027";
        later["effectiveFrom"] = "2027-01-01";
        later["periods"]!["ARB-02"]!["amount"] = 7;
        await File.WriteAllTextAsync(Path.Combine(folder, "hengyang-arbitration-2027.json"), later.ToJsonString());
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["RuleSets:Folder"] = folder });
        await PublishAsync(host);

        var early = await StartAsync(host);
        await early.CompleteAsync("review", "受理", SecretaryUser);
        host.Clock.Advance(TimeSpan.FromDays(40)); // 2027-01-05
        var late = await StartAsync(host);
        await late.CompleteAsync("review", "受理", SecretaryUser);
        await early.ServeAsync("serveAcceptTask", "2027-01-05");
        await late.ServeAsync("serveAcceptTask", "2027-01-05");

        Assert.Equal("hengyang-arbitration-2026", (await early.CaseAsync()).RuleSetId);
        Assert.Equal("hengyang-arbitration-2027", (await late.CaseAsync()).RuleSetId);
        Assert.Equal(15, (await early.PeriodAsync("ARB-02")).Amount);
        Assert.Equal(7, (await late.PeriodAsync("ARB-02")).Amount);
        Assert.Equal("（2026）衡仲字第0001号", (await early.CaseAsync()).Number);
        Assert.Equal("（2027）衡仲字第0001号", (await late.CaseAsync()).Number);
    }

    [Fact]
    public async Task CaseNumbers_UnderConcurrentAcceptance_AreUniqueAndGapFree()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        await PublishAsync(host);
        var scenarios = new List<ArbitrationScenario>();
        for (var i = 0; i < 24; i++)
            scenarios.Add(await StartAsync(host));

        await Task.WhenAll(scenarios.Select(s => Task.Run(() => s.CompleteAsync("review", "受理", SecretaryUser))));

        var numbers = new List<string>();
        foreach (var s in scenarios)
            numbers.Add((await s.CaseAsync()).Number!);
        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"（2026）衡仲字第{n:0000}号"), numbers.Order(StringComparer.Ordinal));
        foreach (var s in scenarios)
        {
            var record = await s.CaseAsync();
            Assert.All(await s.DocumentsAsync(), d => Assert.Equal(record.Number, d.Number));
        }
    }

    [Fact]
    public async Task NumberOfABurstThatLosesItsRace_IsNotConsumed()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        await PublishAsync(host);
        var s = await StartAsync(host);
        var task = await s.TaskAsync("review");

        // Two people accept the same case at once: one wins, the other's burst (and its number) is rolled back.
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => s.Tasks.CompleteAsync(task.Id, SecretaryUser, "受理", null, null))));
        var second = await StartAsync(host);
        await second.CompleteAsync("review", "受理", SecretaryUser);

        Assert.Single(results, r => r is Justice.Casework.Tasks.TaskCompletion.Completed);
        Assert.Equal("（2026）衡仲字第0001号", (await s.CaseAsync()).Number);
        Assert.Equal("（2026）衡仲字第0002号", (await second.CaseAsync()).Number);
    }

    [Fact]
    public async Task TemplateError_FaultsWithTemplateLineAndColumn_AndStoresNoDocument()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-templates", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "arbitration"));
        await File.WriteAllTextAsync(Path.Combine(folder, "arbitration", "broken.html"), "<p>第一行</p>\n<p>{{ if record.number }}未闭合</p>\n");
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Documents:TemplateFolder"] = folder });
        var definition = Definition("broken-doc",
            [Activity("create", "Justice.CreateCase", ("title", Literal("模板错误测试", "String")), ("parties", Literal(new JsonArray(new JsonObject { ["side"] = "claimant", ["name"] = "甲" }), "Object"))),
             Activity("doc", "Justice.IssueDocument", ("template", Literal("arbitration/broken", "String")), ("title", Literal("坏文书", "String")), ("numbering", Literal("none", "String")))],
            [("create", "Done", "doc")]);

        var instance = await host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal(("doc", "template-error"), (incident.ActivityId, incident.Code));
        Assert.Contains("arbitration/broken", incident.Message);
        Assert.Contains("第 2 行", incident.Message);
        var cases = host.Services.GetRequiredService<ICaseStore>();
        Assert.Empty(await cases.GetDocumentsAsync(instance.CorrelationId!));
    }
}
