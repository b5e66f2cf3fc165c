using Justice.Casework.Integrity;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Workflows.Tests.Casework.Integrity;

/// <summary>
/// Each finished day's chain heads, signed: a rewrite that keeps every chain consistent still shows, because the heads
/// no longer give what was signed; a removed seal and a forged signature show too. Without a key nothing is sealed.
/// </summary>
public sealed class DaySealTests : IAsyncLifetime
{
    WorkflowTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await WorkflowTestHost.CreateAsync(configure: services => services.AddSingleton<IRecordSealer, TestSealer>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    DaySealing Sealing => _host.Services.GetRequiredService<DaySealing>();

    IntegrityCheck Check => _host.Services.GetRequiredService<IntegrityCheck>();

    IDbContextFactory<CaseworkDbContext> Cases => _host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>();

    /// <summary>Three days of the bureau (from 2026-11-26, 08:00 in Shanghai), two cases writing each day; then the morning of the fourth.</summary>
    async Task ThreeDaysAsync()
    {
        for (var day = 0; day < 3; day++)
        {
            await using (var db = await Cases.CreateDbContextAsync())
            {
                foreach (var caseId in new[] { "c1", "c2" })
                    db.CaseEntries.Add(new CaseEntry { Id = Ulid.NewId(_host.Clock.GetUtcNow()), CaseId = caseId, At = _host.Clock.GetUtcNow(), Kind = "decision", Title = $"{caseId} 第{day + 1}天" });
                await db.SaveChangesAsync();
            }
            _host.Clock.Advance(TimeSpan.FromDays(1));
        }
        _host.Clock.Advance(TimeSpan.FromHours(2));
    }

    Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters) => _host.ExecuteSqlAsync(sql, parameters);

    [Fact]
    public async Task FinishedDays_AreSealedOnce_AndVerify()
    {
        await ThreeDaysAsync();

        var written = await Sealing.SealFinishedDaysAsync();
        var again = await Sealing.SealFinishedDaysAsync();

        Assert.Equal((3, 0), (written, again));
        await using (var db = await Cases.CreateDbContextAsync())
        {
            var seals = await db.DaySeals.AsNoTracking().OrderBy(s => s.Day).ToListAsync();
            Assert.Equal(["2026-11-26", "2026-11-27", "2026-11-28"], seals.Select(s => s.Day));
            Assert.All(seals, s => Assert.Equal(("timeline", 2, TestSealer.KeyId), (s.Kind, s.Chains, s.KeyId)));
        }
        var timeline = (await Check.RunAsync()).Results.Single(r => r.Kind == "timeline");
        Assert.True(timeline.IsIntact, string.Join("\n", timeline.Problems));
        Assert.Equal((3, (string?)null), (timeline.Seals, timeline.SealNote));
    }

    [Fact]
    public async Task Today_AndADayJustEnded_AreNotSealedYet_UntilTheDelayHasPassed()
    {
        await ThreeDaysAsync();
        await using (var db = await Cases.CreateDbContextAsync())
        {
            db.CaseEntries.Add(new CaseEntry { Id = Ulid.NewId(_host.Clock.GetUtcNow()), CaseId = "c1", At = _host.Clock.GetUtcNow(), Kind = "note", Title = "第4天" });
            await db.SaveChangesAsync();
        }
        await Sealing.SealFinishedDaysAsync();
        _host.Clock.Advance(TimeSpan.FromHours(14)); // 2026-11-29 24:00 in Shanghai: the day has just ended
        await Sealing.SealFinishedDaysAsync();
        var justEnded = await LastSealedAsync();
        _host.Clock.Advance(TimeSpan.FromHours(1)); // its entries have had the delay to be written

        await Sealing.SealFinishedDaysAsync();

        Assert.Equal(("2026-11-28", "2026-11-29"), (justEnded, await LastSealedAsync()));
    }

    async Task<string?> LastSealedAsync()
    {
        await using var db = await Cases.CreateDbContextAsync();
        return await db.DaySeals.MaxAsync(s => (string?)s.Day);
    }

    [Fact]
    public async Task ChainRewrittenConsistentlyAfterSealing_VerifiesAsAChain_ButNotAgainstItsSealedDays()
    {
        await ThreeDaysAsync();
        await Sealing.SealFinishedDaysAsync();

        // Someone who knows the algorithm changes c1's first line and re-links everything after it.
        await using (var db = await Cases.CreateDbContextAsync())
        {
            var lines = await db.CaseEntries.Where(e => e.CaseId == "c1").OrderBy(e => e.Sequence).ToListAsync();
            lines[0].Title = "c1 第1天（改）";
            var hash = HashChain.Genesis;
            foreach (var line in lines)
                hash = line.Link(line.Sequence, hash);
            foreach (var line in lines)
                await ExecuteAsync("""UPDATE "CaseEntries" SET "Title" = @t, "PreviousHash" = @p, "Hash" = @h WHERE "Id" = @id""",
                    ("@t", line.Title), ("@p", line.PreviousHash!), ("@h", line.Hash!), ("@id", line.Id));
        }
        var timeline = (await Check.RunAsync()).Results.Single(r => r.Kind == "timeline");

        Assert.All(timeline.Problems, p => Assert.Equal(("DaySeals", ProblemCodes.SealMismatch), (p.Table, p.Code)));
        Assert.Equal(["2026-11-26", "2026-11-27", "2026-11-28"], timeline.Problems.Select(p => p.EntryId));
    }

    [Fact]
    public async Task SealRemoved_OrSignatureForged_IsReported()
    {
        await ThreeDaysAsync();
        await Sealing.SealFinishedDaysAsync();

        await ExecuteAsync("""DELETE FROM "DaySeals" WHERE "Day" = '2026-11-27'""");
        await ExecuteAsync("""UPDATE "DaySeals" SET "Signature" = @s WHERE "Day" = '2026-11-28'""", ("@s", Convert.ToBase64String(new byte[64])));
        var timeline = (await Check.RunAsync()).Results.Single(r => r.Kind == "timeline");

        Assert.Equal([("2026-11-28", ProblemCodes.SealSignatureInvalid), ("2026-11-27", ProblemCodes.SealMissing)], timeline.Problems.Select(p => (p.EntryId, p.Code)));
        Assert.Equal(1, timeline.Seals);
    }

    [Fact]
    public async Task WithoutAKey_NothingIsSealed_AndTheReportSaysSo()
    {
        await using var host = await WorkflowTestHost.CreateAsync(new Dictionary<string, string?> { ["Signing:SealDays"] = "false" });
        host.Clock.Advance(TimeSpan.FromDays(3));

        Assert.False(host.Services.GetRequiredService<DaySealing>().CanSeal);
        Assert.Equal(0, await host.Services.GetRequiredService<DaySealing>().SealFinishedDaysAsync());
        Assert.All((await host.Services.GetRequiredService<IntegrityCheck>().RunAsync()).Results.Where(r => r.Kind != "documents"), r => Assert.Equal(SealNotes.NoKey, r.SealNote));
    }

    [Fact]
    public async Task ByDefault_TheBureausSm2Key_SealsFinishedDays_AndTheCheckVerifiesThem()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        await Casework.Processes.CaseDriver.PublishAllAsync(host);
        await host.Runtime.StartAsync("general-approval", new System.Text.Json.Nodes.JsonObject { ["Subject"] = "封存" }, null);
        host.Clock.Advance(TimeSpan.FromDays(2));

        var sealing = host.Services.GetRequiredService<DaySealing>();
        Assert.True(sealing.CanSeal);
        Assert.True(await sealing.SealFinishedDaysAsync() > 0);
        var report = await host.Services.GetRequiredService<IntegrityCheck>().RunAsync();

        Assert.True(report.IsIntact, string.Join("\n", report.Problems));
        var journal = report.Results.Single(r => r.Kind == "journal");
        Assert.True(journal.Seals > 0, $"{journal}");
        Assert.Null(journal.SealNote);
    }
}
