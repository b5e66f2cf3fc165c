using Justice.Workflows.Management;
using Justice.Workflows.Runtime.Model;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Management;

public sealed class WorkflowDefinitionServiceTests : EngineTest
{
    static string Text(string id, string line) => Definition(id, [WriteLine("w", line)], []).ToJsonString();

    [Fact]
    public async Task Save_BasedOnAnOlderState_IsRefused_AndKeepsTheOtherAdministratorsWork()
    {
        await Host.Definitions.ImportAsync(Text("two-editors", "one"), publish: false);
        var opened = (await Host.Definitions.ListVersionsAsync("two-editors"))[^1];
        var stamp = new VersionStamp(opened.Id, opened.UpdatedAt);

        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var first = await Host.Definitions.ImportAsync(Text("two-editors", "first editor"), publish: false, basedOn: stamp);
        Assert.Null(first.Conflict);
        var second = await Host.Definitions.ImportAsync(Text("two-editors", "second editor"), publish: false, basedOn: stamp);

        Assert.Contains("已被他人修改", second.Conflict);
        var saved = Assert.Single(await Host.Definitions.ListVersionsAsync("two-editors"));
        Assert.Contains("first editor", saved.Json);
        // A new definition whose id someone took meanwhile is not saved into theirs.
        var taken = await Host.Definitions.ImportAsync(Text("two-editors", "new one"), publish: false, basedOn: new VersionStamp(null, null));
        Assert.NotNull(taken.Conflict);
    }

    [Fact]
    public async Task Import_WhileLatestIsDraft_UpdatesDraftInPlace()
    {
        await Host.Definitions.ImportAsync(Text("drafts", "one"), publish: false);

        var second = await Host.Definitions.ImportAsync(Text("drafts", "two"), publish: false);

        Assert.Equal(1, second.Version);
        var version = Assert.Single(await Host.Definitions.ListVersionsAsync("drafts"));
        Assert.Contains("two", version.Json);
    }

    [Fact]
    public async Task Import_WhenLatestIsPublished_CreatesNextDraft_AndPublishSwitchesVersions()
    {
        await Host.Definitions.ImportAsync(Text("versions", "one"), publish: true);
        var first = (await Host.Runtime.StartAsync("versions", null, null))!;

        var draft = await Host.Definitions.ImportAsync(Text("versions", "two"), publish: false);
        Assert.Equal(2, draft.Version);
        Assert.Equal(1, (await Host.Definitions.FindAsync("versions", VersionSelector.Published))!.Version);

        await Host.Definitions.PublishAsync("versions");
        var second = (await Host.Runtime.StartAsync("versions", null, null))!;

        var versions = await Host.Definitions.ListVersionsAsync("versions");
        Assert.Equal([(1, false, false), (2, true, true)], versions.Select(v => (v.Version, v.IsLatest, v.IsPublished)));
        Assert.Equal((1, 2), (first.DefinitionVersion, second.DefinitionVersion));
        Assert.Equal(["one"], await Host.WrittenLinesAsync(first.Id));
        Assert.Equal(["two"], await Host.WrittenLinesAsync(second.Id));
    }

    [Fact]
    public async Task RunningInstance_StaysOnItsVersion_AfterNewerIsPublished()
    {
        await Host.PublishAsync(Definition("stays", [Event("e", "Go"), WriteLine("w", "v1")], [("e", "Done", "w")]));
        var running = (await Host.Runtime.StartAsync("stays", null, null))!;
        await Host.PublishAsync(Definition("stays", [Event("e", "Go"), WriteLine("w", "v2")], [("e", "Done", "w")]));

        await Host.Runtime.TriggerEventAsync("Go", null, running.Id, null);

        Assert.Equal(["v1"], await Host.WrittenLinesAsync(running.Id));
    }

    [Fact]
    public async Task Publish_InvalidLatest_ReturnsErrorsAndKeepsPreviousPublished()
    {
        await Host.Definitions.ImportAsync(Text("guarded", "ok"), publish: true);
        await Host.Definitions.ImportAsync(Definition("guarded", [Activity("x", "Acme.Nope")], []).ToJsonString(), publish: false);

        var (_, errors) = await Host.Definitions.PublishAsync("guarded");

        Assert.NotEmpty(errors);
        Assert.Equal(1, (await Host.Definitions.FindAsync("guarded", VersionSelector.Published))!.Version);
    }

    [Fact]
    public async Task Retract_UnpublishesSoNoNewInstanceStarts()
    {
        await Host.Definitions.ImportAsync(Text("retracted", "x"), publish: true);

        var retracted = await Host.Definitions.RetractAsync("retracted");

        Assert.Equal(1, retracted!.Version);
        Assert.Null(await Host.Runtime.StartAsync("retracted", null, null));
    }

    [Fact]
    public async Task FolderImport_TakesOnlyNewOrHigherVersions_AndNeverOverwritesEdits()
    {
        var folder = Path.Combine(Host.Folder, "defs");
        Directory.CreateDirectory(folder);
        var file = Definition("shipped", [WriteLine("w", "v1")], []);
        file["version"] = 1;
        await File.WriteAllTextAsync(Path.Combine(folder, "shipped.json"), file.ToJsonString());
        var importer = new DefinitionFolderImporter(Host.Definitions, (Justice.Workflows.Management.IWorkflowDefinitionStore)Host.Services.GetService(typeof(Justice.Workflows.Management.IWorkflowDefinitionStore))!,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DefinitionFolderImporter>.Instance);

        Assert.Equal(["shipped"], await importer.ImportAsync(folder));
        Assert.Empty(await importer.ImportAsync(folder));

        await Host.Definitions.ImportAsync(Text("shipped", "admin edit"), publish: false);
        file["version"] = 5;
        await File.WriteAllTextAsync(Path.Combine(folder, "shipped.json"), file.ToJsonString());
        Assert.Empty(await importer.ImportAsync(folder));
        Assert.Contains("admin edit", (await Host.Definitions.FindAsync("shipped", VersionSelector.Latest))!.Json);
    }
}
