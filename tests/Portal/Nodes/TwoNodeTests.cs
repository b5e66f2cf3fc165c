using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Justice.Casework.Persistence;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime;
using Justice.Workflows.Tests;
using Microsoft.EntityFrameworkCore;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Portal.Tests.Nodes;

/// <summary>
/// Two portal nodes on one database (the test run's: SQLite's file shared by two processes, or PostgreSQL). 500 cases
/// wait for an event; every trigger is sent to both nodes at once; one node is killed (SIGKILL) midway; the cases are
/// then accepted (a gap-free number each) and wait on a timer, which the surviving node fires — also those the dead
/// node made or had claimed. Three rounds, each on a database of its own.
/// </summary>
public sealed partial class TwoNodeTests
{
    const int Cases = 500;
    const string EventName = "two-node-go";

    static JsonObject Definition => Definition("two-node-test",
        [Start(),
         Activity("create", "Justice.CreateCase", ("kind", Literal("arbitration", "String")), ("title", Js("`两节点测试 ${getInput('n')}`", "String")),
             ("parties", Literal(new JsonArray(new JsonObject { ["side"] = "claimant", ["name"] = "甲公司" }, new JsonObject { ["side"] = "respondent", ["name"] = "乙公司" }), "Object"))),
         Event("wait", EventName),
         Activity("accept", "Justice.AcceptCase"),
         Activity("delay", "Elsa.Delay", ("timeSpan", Literal("00:00:02", "TimeSpan"))),
         End()],
        [("start", "Done", "create"), ("create", "Done", "wait"), ("wait", "Done", "accept"), ("accept", "Done", "delay"), ("delay", "Done", "end")],
        inputs: ["n"]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task EventsSentToBothNodes_OneNodeKilledMidway_EveryCaseFinishesOnce_NumbersGapFree_TimersFireOnTheSurvivor(int round)
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-portal-tests", $"two-nodes-{round}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var provider = TestDatabase.Provider;
        var connectionString = TestDatabase.ConnectionString(folder, "justice.db");
        // Short leases and polls so that the survivor takes over the dead node's timers within seconds.
        var settings = new Dictionary<string, string> { ["Workflows__TimerLease"] = "00:00:03", ["Workflows__TimerPollInterval"] = "00:00:01" };
        try
        {
            await using var a = await PortalNode.StartAsync("A", folder, provider, connectionString, settings);
            await using var b = await PortalNode.StartAsync("B", folder, provider, connectionString, settings);
            // Logged in on A, accepted by B: the nodes share their data-protection keys.
            var token = await a.LoginAsync("admin");
            using var toA = a.Client(token);
            using var toB = b.Client(token);
            var import = await toB.PostAsJsonAsync("/api/workflow-definitions/import?publish=true", Definition);
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());

            // Started on both nodes; each waits for its event.
            var correlations = new string[Cases];
            await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
            {
                var started = await (n % 2 == 0 ? toA : toB).PostAsJsonAsync("/api/workflow-definitions/two-node-test/execute", new { input = new { n } }, ct);
                Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync(ct));
                correlations[n] = (await started.Content.ReadFromJsonAsync<JsonObject>(ct))!["correlationId"]!.GetValue<string>();
            });

            // Every trigger goes to both nodes at once (a client retrying, a duplicate delivery); A dies halfway.
            var pendingTimersWhenKilled = -1;
            var lost = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
            {
                if (n == Cases / 2)
                {
                    await a.KillAsync();
                    pendingTimersWhenKilled = await CountTimersAsync(provider, connectionString);
                }
                var body = new { correlationId = correlations[n] };
                var sent = await Task.WhenAll(TriggerAsync(toA, body, ct), TriggerAsync(toB, body, ct));
                if (sent.All(ok => !ok))
                    Interlocked.Increment(ref lost);
            });
            Assert.True(a.HasExited);
            Assert.Equal(0, lost);
            Assert.True(pendingTimersWhenKilled > 0, "A had timers of its own waiting when it died");

            await WaitUntilAllFinishedAsync(provider, connectionString, b);

            await using var engine = Engine(provider, connectionString);
            var instances = await engine.Instances.AsNoTracking().Where(i => i.DefinitionId == "two-node-test").ToListAsync();
            Assert.Equal(Cases, instances.Count);
            Assert.All(instances, i => Assert.Equal(WorkflowStatus.Finished, i.Status));
            var journal = await engine.Journal.AsNoTracking().Where(j => j.Event == "Completed" && (j.ActivityId == "wait" || j.ActivityId == "accept" || j.ActivityId == "delay"))
                .Select(j => new { j.InstanceId, j.ActivityId }).ToListAsync();
            // Exactly once: each case resumed once by its event, accepted once, its timer fired once.
            foreach (var activity in new[] { "wait", "accept", "delay" })
                Assert.All(instances, i => Assert.Equal(1, journal.Count(j => j.InstanceId == i.Id && j.ActivityId == activity)));
            Assert.Empty(await engine.Timers.AsNoTracking().ToListAsync());
            Assert.Empty(await engine.Bookmarks.AsNoTracking().ToListAsync());

            await using var cases = Casework(provider, connectionString);
            var numbers = await cases.Cases.AsNoTracking().Where(c => c.Title.StartsWith("两节点测试")).Select(c => c.Number).ToListAsync();
            var drawn = numbers.Select(n => int.Parse(SerialNumber().Match(n!).Groups[1].Value)).Order().ToList();
            // No number twice and none skipped, across both nodes and the one that died.
            Assert.Equal(Enumerable.Range(1, Cases), drawn);
        }
        finally
        {
            TestDatabase.Release(connectionString);
        }
    }

    [GeneratedRegex(@"第0*(\d+)号")]
    private static partial Regex SerialNumber();

    /// <summary>Sends the trigger; a node that is down (or dies meanwhile) is a failed delivery, not a failed test.</summary>
    static async Task<bool> TriggerAsync(HttpClient node, object body, CancellationToken cancellationToken)
    {
        try
        {
            var response = await node.PostAsJsonAsync($"/api/events/{EventName}/trigger", body, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    static async Task WaitUntilAllFinishedAsync(string provider, string connectionString, PortalNode survivor)
    {
        // Each case waits two seconds on its timer; the survivor fires them (and, after their leases end, the dead node's).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var engine = Engine(provider, connectionString);
        while (await engine.Instances.AsNoTracking().CountAsync(i => i.DefinitionId == "two-node-test" && i.Status != WorkflowStatus.Finished) > 0)
        {
            Assert.False(survivor.HasExited, survivor.Output);
            Assert.False(timeout.IsCancellationRequested, $"Not every case finished within three minutes.\n{survivor.Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    static async Task<int> CountTimersAsync(string provider, string connectionString)
    {
        await using var engine = Engine(provider, connectionString);
        return await engine.Timers.AsNoTracking().CountAsync();
    }

    static WorkflowOptions Options(string provider) => new() { Provider = provider };

    static WorkflowDbContext Engine(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.Use(Options(provider), connectionString, WorkflowDbContext.MigrationsHistoryTable);
        return new(options.Options);
    }

    static CaseworkDbContext Casework(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<CaseworkDbContext>();
        options.Use(Options(provider), connectionString, CaseworkDbContext.MigrationsHistoryTable);
        return new(options.Options);
    }
}
