using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Activities;

public sealed class CronTests : EngineTest
{
    static Task<string> FixtureAsync(string name) =>
        File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", "ImportAndPublish", name));

    [Fact]
    public async Task Publish_CronEveryHourFixture_Succeeds()
    {
        var result = await Host.Definitions.ImportAsync(await FixtureAsync("cron-every-hour.json"), publish: true);

        Assert.Empty(result.Errors);
        Assert.True(result.IsPublished);
    }

    [Fact]
    public async Task Publish_BadCronExpressionFixture_IsRefused_WithOneChineseErrorThatSaysWhereTheExpressionIsWrong()
    {
        var result = await Host.Definitions.ImportAsync(await FixtureAsync("bad-cron-expression.json"), publish: true);

        Assert.False(result.IsPublished);
        var error = Assert.Single(result.Errors);
        Assert.Equal("invalid-input", error.Code);
        Assert.Equal("13658e4b3bfafaaf", error.ActivityId);
        Assert.Equal("$.root.activities[1].cronExpression", error.Path);
        Assert.StartsWith("活动“Cron1”的 Cron 表达式“BadCronExpression”无效：", error.Message);
        // Cronos' own words say which field is wrong.
        Assert.Contains("second", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Publish_TimerWorkflowFixture_Succeeds()
    {
        var result = await Host.Definitions.ImportAsync(await FixtureAsync("timer-workflow.json"), publish: true);

        Assert.Empty(result.Errors);
        Assert.True(result.IsPublished);
    }

    [Fact]
    public async Task CronInsideAFlowchart_WaitsForTheNextOccurrenceInTheBureausZone_ThenContinues()
    {
        // 2026-11-26 00:00 UTC is 08:00 in Beijing: "every day at 09:30:00" is due 01:30 UTC, not 09:30 UTC.
        var definition = Definition("cron-wait", [Start(), Activity("cron", "Elsa.Cron", ("cronExpression", Literal("0 30 9 * * *", "String"))), WriteLine("after", "到点了")],
            [("start", "Done", "cron"), ("cron", "Done", "after")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Suspended, instance.SubStatus);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 1, 30, 0, TimeSpan.Zero), await Host.Timers.NextTimerDueAsync());
        Host.Clock.Advance(TimeSpan.FromMinutes(89));
        Assert.Equal(0, await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1)));
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1)));
        var finished = await Host.Instances.FindAsync(instance.Id);
        Assert.Equal(WorkflowSubStatus.Finished, finished!.SubStatus);
        Assert.Equal(["到点了"], await Host.WrittenLinesAsync(instance.Id));
    }

    [Fact]
    public async Task CronTrigger_StartsThePublishedDefinitionAtEveryOccurrence_AndReArms()
    {
        var result = await Host.Definitions.ImportAsync(await FixtureAsync("cron-every-hour.json"), publish: true);
        Assert.Empty(result.Errors);
        // Published at 00:00:00 UTC: the next full hour is 01:00 (nothing starts at publication).
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero), await Host.Timers.NextTimerDueAsync());
        Assert.Equal(0, (await Host.Instances.QueryAsync(new InstanceQuery(result.DefinitionId, null, null, null, 1, 10))).TotalCount);

        Host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1)));
        Host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1)));

        var (items, total) = await Host.Instances.QueryAsync(new InstanceQuery(result.DefinitionId, null, null, null, 1, 10));
        Assert.Equal(2, total);
        foreach (var item in items)
        {
            Assert.Equal(WorkflowSubStatus.Finished, item.SubStatus);
            Assert.Equal(["Hello every hour"], await Host.WrittenLinesAsync(item.Id));
        }
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero), await Host.Timers.NextTimerDueAsync());
    }

    [Fact]
    public async Task CronTrigger_OfAVersionNoLongerPublished_StartsNothing()
    {
        var result = await Host.Definitions.ImportAsync(await FixtureAsync("cron-every-hour.json"), publish: true);
        await Host.Definitions.RetractAsync(result.DefinitionId!);

        Host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(1)));

        Assert.Equal(0, (await Host.Instances.QueryAsync(new InstanceQuery(result.DefinitionId, null, null, null, 1, 10))).TotalCount);
        Assert.Null(await Host.Timers.NextTimerDueAsync());
    }
}
