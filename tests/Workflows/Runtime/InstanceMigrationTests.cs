using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Runtime;

/// <summary>
/// Moving instances to another version of their definition (Elsa's Migrate alteration): the state is kept and the next
/// burst runs the target; refused, naming each, when a waiting activity or a variable holding a value is not in the target.
/// </summary>
public sealed class InstanceMigrationTests : EngineTest
{
    const string DefinitionId = "migrate-case";

    /// <summary>
    /// Sets the case number, waits for the hearing (the event HearingHeld), then writes <paramref name="after"/>. The
    /// variable CaseNumber starts as <paramref name="initialNumber"/>; <paramref name="extraVariables"/> are added.
    /// </summary>
    static JsonObject Case(string after, string initialNumber = "未编号", bool withHearing = true, bool withCaseNumber = true, string hearingType = "Elsa.Event",
        IEnumerable<JsonObject>? extraVariables = null)
    {
        var hearing = hearingType == "Elsa.Event" ? Event("hearing", "HearingHeld") : WriteLine("hearing", "庭审");
        hearing["type"] = hearingType;
        hearing["name"] = "仲裁庭审理";
        var number = Activity("number", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "casenumber-id", ["name"] = "CaseNumber" }),
            ("value", Literal("衡仲字第7号", "String")));
        List<JsonObject> activities = withHearing ? [Start(), number, hearing, WriteLine("after", after)] : [Start(), number, WriteLine("after", after)];
        List<(string, string, string)> connections = withHearing
            ? [("start", "Done", "number"), ("number", "Done", "hearing"), ("hearing", "Done", "after")]
            : [("start", "Done", "number"), ("number", "Done", "after")];
        List<JsonObject> variables = [.. extraVariables ?? []];
        if (withCaseNumber)
            variables.Insert(0, Variable("CaseNumber", "String", initialNumber));
        if (!withCaseNumber)
            activities.Remove(number);
        if (!withCaseNumber)
            connections = withHearing ? [("start", "Done", "hearing"), ("hearing", "Done", "after")] : [("start", "Done", "after")];
        return Definition(DefinitionId, activities, connections, variables);
    }

    async Task<string> StartOnVersion1Async(JsonObject? version1 = null)
    {
        await Host.PublishAsync(version1 ?? Case("v1 after"));
        var instance = await Host.Runtime.StartAsync(DefinitionId, null, "C-1");
        Assert.Equal(WorkflowSubStatus.Suspended, instance!.SubStatus);
        return instance.Id;
    }

    [Fact]
    public async Task ElsaScenario_MigratingFromVersion1To2_Succeeds_AndTheInstanceIsOnVersion2()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", "Alterations");
        var version1 = await Host.Definitions.ImportAsync(await File.ReadAllTextAsync(Path.Combine(folder, "version-1.json")), publish: true);
        Assert.True(version1.IsPublished);
        var instance = (await Host.Runtime.StartAsync("my-workflow", null, null))!;
        Assert.Equal(["Version 1"], await Host.WrittenLinesAsync(instance.Id));
        var version2 = await Host.Definitions.ImportAsync(await File.ReadAllTextAsync(Path.Combine(folder, "version-2.json")), publish: true);
        Assert.Equal(2, version2.Version);

        var result = await Host.Runtime.MigrateAsync(instance.Id, 2);

        Assert.NotNull(result);
        Assert.True(result.Migrated, string.Join("; ", result.Refusals.Select(r => r.Message)));
        var migrated = await Host.Instances.FindAsync(instance.Id);
        Assert.Equal(2, migrated!.DefinitionVersion);
        Assert.Equal("4aca2e3aa79475d3", migrated.DefinitionVersionId);
    }

    [Fact]
    public async Task WaitingInstance_MigratedToVersion2_KeepsItsState_AndResumesInVersion2()
    {
        var instanceId = await StartOnVersion1Async();
        await Host.PublishAsync(Case("v2 after", initialNumber: "新版未编号", extraVariables: [Variable("Panel", "String", "三人庭")]));

        var result = await Host.Runtime.MigrateAsync(instanceId, 2);

        Assert.True(result!.Migrated, string.Join("; ", result.Refusals.Select(r => r.Message)));
        Assert.Equal((1, 2), (result.FromVersion, result.ToVersion));
        var moved = await Host.Instances.FindAsync(instanceId);
        Assert.Equal(2, moved!.DefinitionVersion);
        Assert.Equal(WorkflowSubStatus.Suspended, moved.SubStatus);
        Assert.Equal("衡仲字第7号", (await Host.VariableAsync(instanceId, "CaseNumber"))!.GetValue<string>());
        Assert.Equal("三人庭", (await Host.VariableAsync(instanceId, "Panel"))!.GetValue<string>());
        var migratedEntry = (await Host.Instances.GetJournalAsync(instanceId)).Last();
        Assert.Equal(JournalEvent.Migrated, migratedEntry.Event);
        var data = JsonNode.Parse(migratedEntry.DataJson)!;
        Assert.Equal(1, data["fromVersion"]!.GetValue<int>());
        Assert.Equal(2, data["toVersion"]!.GetValue<int>());

        Assert.Equal([instanceId], await Host.Runtime.TriggerEventAsync("HearingHeld", "C-1", null, null));

        Assert.Equal(["v2 after"], await Host.WrittenLinesAsync(instanceId));
        Assert.Equal(WorkflowSubStatus.Finished, (await Host.Instances.FindAsync(instanceId))!.SubStatus);
    }

    [Fact]
    public async Task TheRootFlowchart_MayHaveAnotherIdInTheTarget_AndTheInstanceStillFinishesThere()
    {
        var instanceId = await StartOnVersion1Async();
        var version2 = Case("v2 after");
        version2["root"]!["id"] = "flowchart2";
        await Host.PublishAsync(version2);

        var result = await Host.Runtime.MigrateAsync(instanceId, 2);
        await Host.Runtime.TriggerEventAsync("HearingHeld", "C-1", null, null);

        Assert.True(result!.Migrated, string.Join("; ", result.Refusals.Select(r => r.Message)));
        Assert.Equal(["v2 after"], await Host.WrittenLinesAsync(instanceId));
        Assert.Equal(WorkflowSubStatus.Finished, (await Host.Instances.FindAsync(instanceId))!.SubStatus);
        Assert.Contains("flowchart2:Completed", await Host.JournalAsync(instanceId));
    }

    [Fact]
    public async Task Migration_IsRefused_NamingTheWaitingActivityAndTheHeldVariable_MissingInTheTarget_AndChangesNothing()
    {
        var instanceId = await StartOnVersion1Async();
        await Host.PublishAsync(Case("v2 after"));
        await Host.PublishAsync(Case("v3 after", withHearing: false, withCaseNumber: false));
        var journalBefore = (await Host.Instances.GetJournalAsync(instanceId)).Count;

        var result = await Host.Runtime.MigrateAsync(instanceId, 3);

        Assert.False(result!.Migrated);
        Assert.Equal(
            ["目标版本 3 中没有正在等待的活动“仲裁庭审理”（hearing）。", "目标版本 3 中没有实例保存着值的变量“CaseNumber”。"],
            result.Refusals.Select(r => r.Message));
        Assert.Equal([InstanceMigration.MissingActivity, InstanceMigration.MissingVariable], result.Refusals.Select(r => r.Code));
        Assert.Equal("hearing", result.Refusals[0].ActivityId);
        var unchanged = await Host.Instances.FindAsync(instanceId);
        Assert.Equal(1, unchanged!.DefinitionVersion);
        Assert.Equal(journalBefore, (await Host.Instances.GetJournalAsync(instanceId)).Count);

        // Still on version 1: it resumes there.
        Assert.Equal([instanceId], await Host.Runtime.TriggerEventAsync("HearingHeld", "C-1", null, null));
        Assert.Equal(["v1 after"], await Host.WrittenLinesAsync(instanceId));
    }

    [Fact]
    public async Task Migration_IsRefused_WhenAHeldValueDoesNotConvertToTheVariablesTypeInTheTarget()
    {
        var instanceId = await StartOnVersion1Async();
        var version2 = Case("v2 after");
        version2["variables"]![0]!["typeName"] = "Int32";
        version2["variables"]![0]!["value"] = "0";
        ((JsonObject)version2["root"]!["activities"]![1]!)["value"] = Literal("1", "Int32");
        await Host.PublishAsync(version2);

        var result = await Host.Runtime.MigrateAsync(instanceId, 2);

        var refusal = Assert.Single(result!.Refusals);
        Assert.Equal(InstanceMigration.VariableTypeChanged, refusal.Code);
        Assert.Equal("目标版本 2 中变量“CaseNumber”的类型是 Int32，实例保存的值 \"衡仲字第7号\" 不能转换为该类型。", refusal.Message);
    }

    [Fact]
    public async Task Migration_IsRefused_WhenTheWaitingActivityHasAnotherTypeInTheTarget()
    {
        var instanceId = await StartOnVersion1Async();
        await Host.PublishAsync(Case("v2 after", hearingType: "Elsa.WriteLine"));

        var result = await Host.Runtime.MigrateAsync(instanceId, 2);

        var refusal = Assert.Single(result!.Refusals);
        Assert.Equal(InstanceMigration.ActivityTypeChanged, refusal.Code);
        Assert.Equal("目标版本 2 中的活动“仲裁庭审理”（hearing）类型是 Elsa.WriteLine，不是实例正在等待的Elsa.Event。", refusal.Message);
        Assert.Equal(1, (await Host.Instances.FindAsync(instanceId))!.DefinitionVersion);
    }

    [Fact]
    public async Task Migration_IsRefused_ToAVersionThatDoesNotExist_DoesNotValidate_OrIsTheInstancesOwn_AndUnknownInstanceIsNull()
    {
        var instanceId = await StartOnVersion1Async();
        var invalid = Case("v2 after");
        ((JsonArray)invalid["root"]!["activities"]!).Add(Activity("ghost", "Acme.Unknown"));
        var draft = await Host.Definitions.ImportAsync(invalid.ToJsonString(), publish: false);
        Assert.Equal(2, draft.Version);

        var unknown = await Host.Runtime.MigrateAsync(instanceId, 9);
        var notValid = await Host.Runtime.MigrateAsync(instanceId, 2);
        var same = await Host.Runtime.MigrateAsync(instanceId, 1);

        Assert.Equal((InstanceMigration.UnknownVersion, "流程“migrate-case”没有版本 9。"), (Assert.Single(unknown!.Refusals).Code, unknown.Refusals[0].Message));
        Assert.Equal(InstanceMigration.InvalidVersion, Assert.Single(notValid!.Refusals).Code);
        Assert.Contains("未通过校验", notValid.Refusals[0].Message);
        Assert.Equal(InstanceMigration.SameVersion, Assert.Single(same!.Refusals).Code);
        Assert.Equal(1, (await Host.Instances.FindAsync(instanceId))!.DefinitionVersion);
        Assert.Null(await Host.Runtime.MigrateAsync("no-such-instance", 2));
    }

    [Fact]
    public async Task TokensOnConnections_FollowTheirConnections_WhenTheTargetListsThemInAnotherOrder()
    {
        // One branch has reached the WaitAll join, the other waits for an event; version 2 lists the same connections in another order.
        JsonObject[] activities = [Start(), WriteLine("a", "a"), Event("b", "Signed"), Join("join", "WaitAll"), WriteLine("after", "after")];
        await Host.PublishAsync(Definition(DefinitionId, activities,
            [("start", "Done", "a"), ("start", "Done", "b"), ("a", "Done", "join"), ("b", "Done", "join"), ("join", "Done", "after")]));
        var instance = (await Host.Runtime.StartAsync(DefinitionId, null, null))!;
        await Host.PublishAsync(Definition(DefinitionId, activities.Select(a => (JsonObject)a.DeepClone()),
            [("b", "Done", "join"), ("a", "Done", "join"), ("start", "Done", "a"), ("start", "Done", "b"), ("join", "Done", "after")]));

        Assert.True((await Host.Runtime.MigrateAsync(instance.Id, 2))!.Migrated);
        await Host.Runtime.TriggerEventAsync("Signed", null, instance.Id, null);

        Assert.Equal(["a", "after"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task FaultedInstance_MigratedToAMendedVersion_RetriesThere()
    {
        var broken = Definition(DefinitionId, [Start(), Decision("check", "throw new Error('条件写错了')"), WriteLine("after", "v1 after")],
            [("start", "Done", "check"), ("check", "True", "after")]);
        var instance = await Host.RunAsync(broken);
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        await Host.PublishAsync(Definition(DefinitionId, [Start(), Decision("check", "true"), WriteLine("after", "v2 after")],
            [("start", "Done", "check"), ("check", "True", "after")]));

        var result = await Host.Runtime.MigrateAsync(instance.Id, 2);
        var retried = await Host.Runtime.RetryAsync(instance.Id, "check");

        Assert.True(result!.Migrated);
        Assert.Equal(WorkflowSubStatus.Finished, retried!.SubStatus);
        Assert.Equal(["v2 after"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task MigrateAll_MovesTheUnfinishedInstancesOfTheVersion_EachMigratedOrRefusedWithItsReason()
    {
        // Version 1 waits for the hearing, or for mediation when asked; version 2 has no mediation.
        static JsonObject Routed(string after, bool withMediation) => Definition(DefinitionId,
            [Start(), Decision("route", "getInput('Mediate') === true"), Event("hearing", "HearingHeld"),
             .. withMediation ? [Event("mediation", "Mediated")] : Array.Empty<JsonObject>(), WriteLine("after", after)],
            withMediation
                ? [("start", "Done", "route"), ("route", "False", "hearing"), ("route", "True", "mediation"), ("hearing", "Done", "after"), ("mediation", "Done", "after")]
                : [("start", "Done", "route"), ("route", "False", "hearing"), ("route", "True", "hearing"), ("hearing", "Done", "after")],
            inputs: ["Mediate"]);
        await Host.PublishAsync(Routed("v1 after", withMediation: true));
        var hearing1 = (await Host.Runtime.StartAsync(DefinitionId, new JsonObject { ["Mediate"] = false }, "A"))!;
        var mediation = (await Host.Runtime.StartAsync(DefinitionId, new JsonObject { ["Mediate"] = true }, "B"))!;
        var hearing2 = (await Host.Runtime.StartAsync(DefinitionId, new JsonObject { ["Mediate"] = false }, "C"))!;
        var cancelled = (await Host.Runtime.StartAsync(DefinitionId, new JsonObject { ["Mediate"] = false }, "D"))!;
        await Host.Runtime.CancelAsync(cancelled.Id);
        await Host.PublishAsync(Routed("v2 after", withMediation: false));

        var bulk = await Host.Runtime.MigrateAllAsync(DefinitionId, 1, 2);

        Assert.Empty(bulk.Refusals);
        Assert.Equal([hearing1.Id, mediation.Id, hearing2.Id], bulk.Instances.Select(i => i.InstanceId));
        Assert.Equal((2, 1), (bulk.MigratedCount, bulk.RefusedCount));
        var refused = bulk.Instances.Single(i => !i.Migrated);
        Assert.Equal(mediation.Id, refused.InstanceId);
        Assert.Equal("目标版本 2 中没有正在等待的活动“等待事件”（mediation）。", Assert.Single(refused.Refusals).Message);
        Assert.Equal(2, (await Host.Instances.FindAsync(hearing1.Id))!.DefinitionVersion);
        Assert.Equal(1, (await Host.Instances.FindAsync(mediation.Id))!.DefinitionVersion);
        Assert.Equal(1, (await Host.Instances.FindAsync(cancelled.Id))!.DefinitionVersion);
    }

    [Fact]
    public async Task MigrateAll_IsRefusedAsAWhole_ForAVersionThatDoesNotExist()
    {
        await StartOnVersion1Async();

        var bulk = await Host.Runtime.MigrateAllAsync(DefinitionId, 1, 5);
        var fromMissing = await Host.Runtime.MigrateAllAsync(DefinitionId, 4, 1);

        Assert.Equal("流程“migrate-case”没有版本 5。", Assert.Single(bulk.Refusals).Message);
        Assert.Empty(bulk.Instances);
        Assert.Equal("$.fromVersion", fromMissing.Refusals[0].Path);
    }

    [Fact]
    public async Task Migration_WaitsForABurstOfTheSameInstance_SoThatTheResumeIsNotLost()
    {
        var pause = new PauseGate();
        await using var host = await WorkflowTestHost.CreateAsync(configure: services => services
            .AddWorkflowActivities(typeof(PauseActivity).Assembly).AddSingleton(pause));
        await host.PublishAsync(Definition(DefinitionId, [Start(), Event("hearing", "HearingHeld"), Activity("pause", "Test.Pause"), WriteLine("after", "v1 after")],
            [("start", "Done", "hearing"), ("hearing", "Done", "pause"), ("pause", "Done", "after")]));
        var instance = (await host.Runtime.StartAsync(DefinitionId, null, "C-1"))!;
        await host.PublishAsync(Definition(DefinitionId, [Start(), Event("hearing", "HearingHeld"), WriteLine("after", "v2 after")],
            [("start", "Done", "hearing"), ("hearing", "Done", "after")]));
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Runtime.Turns.Waiting += id =>
        {
            if (id == instance.Id)
                waiting.TrySetResult();
        };

        // The resume stops inside its burst; the migration starts meanwhile and must wait for it.
        var resume = Task.Run(() => host.Runtime.TriggerEventAsync("HearingHeld", "C-1", null, null));
        await pause.Entered.Task;
        var migrate = Task.Run(() => host.Runtime.MigrateAsync(instance.Id, 2));
        var first = await Task.WhenAny(migrate, waiting.Task);
        pause.Release.SetResult();

        Assert.Same(waiting.Task, first);
        Assert.Equal([instance.Id], await resume);
        var result = await migrate;
        Assert.True(result!.Migrated);
        Assert.Equal(["v1 after"], await host.WrittenLinesAsync(instance.Id));
        var journal = await host.JournalAsync(instance.Id);
        Assert.Equal($"flowchart1:{JournalEvent.Migrated}", journal[^1]);
        Assert.Contains("after:Completed", journal);
    }
}

/// <summary>Lets a test hold a burst inside an activity until it releases it.</summary>
public sealed class PauseGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A test activity that stops its burst until the <see cref="PauseGate"/> is released.</summary>
[Activity("Test", "Pause", DisplayName = "暂停（测试）")]
public sealed class PauseActivity : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var gate = context.GetRequiredService<PauseGate>();
        gate.Entered.TrySetResult();
        await gate.Release.Task;
        context.Complete();
    }
}
