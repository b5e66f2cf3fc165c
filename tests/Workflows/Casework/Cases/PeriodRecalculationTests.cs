using System.Text.Json.Nodes;
using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Casework.Cases;

/// <summary>
/// When a year's official holiday data is added to the calendar folder, running periods counted from the law alone
/// are counted again: their last day, their timer and their task's deadline move, and the case's timeline says so.
/// </summary>
public sealed class PeriodRecalculationTests
{
    static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    // A made-up 2027 notice in the shape of the 2026 one: 02-04 (腊月廿八) to 02-12 off, Saturday 02-20 worked.
    const string Notice2027 = """
        { "years": { "2027": {
          "off": ["2027-01-01", "2027-01-02", "2027-01-03", "2027-02-04", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08",
                  "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"],
          "workdays": ["2027-02-20"] } } }
        """;

    static string CalendarFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-calendar", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "calendar", "cn-holidays.json"), Path.Combine(folder, "cn-holidays.json"));
        return folder;
    }

    static JsonObject TaskWithPeriod(int days) => Definition("period-recount",
        [Activity("create", "Justice.CreateCase", ("title", Literal("期间重算测试", "String")),
             ("parties", Literal(new JsonArray(new JsonObject { ["side"] = "claimant", ["name"] = "甲" }), "Object"))),
         Activity("answer", "Justice.UserTask", ("title", Literal("提交答辩", "String")), ("role", Literal("secretary", "String")),
             ("periodCode", Literal("答辩期", "String")), ("periodAmount", Literal(days, "Int32")), ("periodUnit", Literal("days", "String")))],
        [("create", "Done", "answer")]);

    [Fact]
    public async Task Check_AfterTheYearsNoticeIsAdded_MovesTheLastDayTimerAndTaskDeadline_AndRecordsIt()
    {
        var folder = CalendarFolder();
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Calendar:Folder"] = folder });
        var instance = await host.RunAsync(TaskWithPeriod(70)); // from 2026-11-26: Thursday 2027-02-04, a working day by law alone
        var cases = host.Services.GetRequiredService<ICaseStore>();
        var calendar = host.Services.GetRequiredService<StatutoryCalendar>();
        var recalculation = host.Services.GetRequiredService<PeriodRecalculation>();
        var caseId = instance.CorrelationId!;
        Assert.Equal(D("2027-02-04"), Assert.Single(await cases.GetPeriodsAsync(caseId)).DueOn);
        Assert.Equal(0, await recalculation.CheckAsync());

        await File.WriteAllTextAsync(Path.Combine(folder, "cn-holidays-2027.json"), Notice2027);
        var moved = await recalculation.CheckAsync();

        Assert.Equal(1, moved);
        var period = Assert.Single(await cases.GetPeriodsAsync(caseId));
        Assert.Equal(D("2027-02-15"), period.DueOn); // 02-04…02-12 off, then the weekend
        var expires = calendar.ExpiresAt(D("2027-02-15"));
        var (tasks, _) = await host.TaskStore.ListOpenTasksAsync(["secretary"], null, [caseId], 1, 50);
        Assert.Equal(expires, Assert.Single(tasks).DueAt);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            Assert.Equal(expires, (await db.Timers.SingleAsync(t => t.BookmarkId == period.BookmarkId)).DueAt);
        var entry = (await cases.GetEntriesAsync(caseId)).Last();
        Assert.Equal(("period", "提交答辩届满日因节假日安排更新由2027-02-04改为2027-02-15"), (entry.Kind, entry.Title));
        Assert.False(calendar.IsProvisional(period.StartOn, period.DueOn));
    }

    [Fact]
    public async Task Check_OldLastDayPasses_PeriodStillRunsUntilTheNewOne()
    {
        var folder = CalendarFolder();
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Calendar:Folder"] = folder });
        var instance = await host.RunAsync(TaskWithPeriod(70));
        var cases = host.Services.GetRequiredService<ICaseStore>();
        await File.WriteAllTextAsync(Path.Combine(folder, "cn-holidays-2027.json"), Notice2027);
        await host.Services.GetRequiredService<PeriodRecalculation>().CheckAsync();

        host.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 5, 0, 0, 0, TimeSpan.Zero)); // past 24:00 of 02-04 in Shanghai
        await host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(PeriodStatus.Running, Assert.Single(await cases.GetPeriodsAsync(instance.CorrelationId!)).Status);

        host.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 15, 16, 0, 0, TimeSpan.Zero)); // 24:00 of 02-15 in Shanghai
        await host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(PeriodStatus.Expired, Assert.Single(await cases.GetPeriodsAsync(instance.CorrelationId!)).Status);
    }

    [Fact]
    public async Task View_OfAPeriodCountedWithoutTheNotice_IsProvisionalUntilTheNoticeArrives()
    {
        var folder = CalendarFolder();
        await using var host = await WorkflowTestHost.CreateAsync(new() { ["Calendar:Folder"] = folder });
        var instance = await host.RunAsync(TaskWithPeriod(70));
        var cases = host.Services.GetRequiredService<ICaseStore>();
        var queries = host.Services.GetRequiredService<CaseQueries>();
        var today = D("2026-11-26");
        Assert.True(queries.View(Assert.Single(await cases.GetPeriodsAsync(instance.CorrelationId!)), today).Provisional);

        await File.WriteAllTextAsync(Path.Combine(folder, "cn-holidays-2027.json"), Notice2027);
        await host.Services.GetRequiredService<PeriodRecalculation>().CheckAsync();

        Assert.False(queries.View(Assert.Single(await cases.GetPeriodsAsync(instance.CorrelationId!)), today).Provisional);
    }

    [Fact]
    public async Task Recount_OfAResumedPeriod_CountsFromTheResumptionWithWhatWasLeft()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var planner = host.Services.GetRequiredService<PeriodPlanner>();
        var period = new CasePeriod
        {
            Id = "p1", CaseId = "c1", Code = "ARB-13", Label = "裁决期限", Unit = "days", Amount = 60,
            StartOn = D("2026-10-30"), DueOn = planner.Calendar.Due(D("2026-10-30"), 60, PeriodUnit.Days), // 2026-12-29
        };
        planner.Pause(period, D("2026-11-09"), "鉴定");

        var due = planner.Resume(period, D("2026-12-02"));

        Assert.Equal((D("2026-12-02"), 50), (period.ResumedOn!.Value, period.LeftWhenResumed!.Value));
        Assert.Equal(due, planner.Recount(period));
    }
}
