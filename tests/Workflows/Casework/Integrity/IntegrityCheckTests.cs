using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Integrity;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Tests.Casework.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Casework.Processes.CaseDriver;

namespace Justice.Workflows.Tests.Casework.Integrity;

/// <summary>
/// Real cases through the real engine on a real SQLite file, then rows changed behind the application's back: the
/// integrity check names exactly the entries that were changed, and nothing on an untouched database.
/// </summary>
public sealed class IntegrityCheckTests : EngineTest
{
    IntegrityCheck Check => Host.Services.GetRequiredService<IntegrityCheck>();

    async Task<CaseDriver> LegalAidCaseAsync()
    {
        PlanSampling(Host, NotaryProcessTests.SeedFor(sampled: false));
        var d = await CaseDriver.StartAsync(Host, "legal-aid-application", new JsonObject
        {
            ["Applicant"] = Applicant(), ["Matter"] = "追索劳动报酬", ["Category"] = "民事", ["Form"] = "劳动争议仲裁代理", ["Exempt"] = false,
            ["FiledOn"] = "2026-11-26", ["Verifiers"] = new JsonArray(Verifier.Email),
        });
        await d.CompleteAsync("choice", "选择承诺", Officer);
        await d.CompleteAsync("signTask", "已签署", Officer, new JsonObject { ["signMethod"] = "手写签名" });
        return d;
    }

    async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters) =>
        Assert.Equal(1, await Host.ExecuteSqlAsync(sql, parameters));

    [Fact]
    public async Task UntouchedDatabase_OfRealCases_ReportsNothing()
    {
        await PublishAllAsync(Host);
        await LegalAidCaseAsync();
        await LegalAidCaseAsync();

        var report = await Check.RunAsync();

        Assert.True(report.IsIntact, string.Join("\n", report.Problems));
        var journal = report.Results.Single(r => r.Kind == "journal");
        var timeline = report.Results.Single(r => r.Kind == "timeline");
        Assert.True(journal.Chains >= 2 && journal.Entries > 20, $"{journal}");
        Assert.True(timeline.Chains >= 2 && timeline.Entries > 5, $"{timeline}");
        // The bureau's key is there (made at first use), and no day has ended yet.
        Assert.Equal(SealNotes.NoneSealedYet, journal.SealNote);
        Assert.True(report.Results.Single(r => r.Kind == "documents").IsIntact);
    }

    [Fact]
    public async Task JournalDataAndTimelineTitleEditedInSqlite_AreReportedAtExactlyThoseEntries()
    {
        await PublishAllAsync(Host);
        var d = await LegalAidCaseAsync();
        await LegalAidCaseAsync();
        var edited = (await Host.Instances.GetJournalAsync(d.InstanceId))[2];
        // The case with the longest timeline (the commitment the legal-aid process opened), its second line.
        CaseEntry line;
        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync())
        {
            var caseId = await db.CaseEntries.GroupBy(e => e.CaseId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            line = await db.CaseEntries.AsNoTracking().SingleAsync(e => e.CaseId == caseId && e.Sequence == 2);
        }

        await ExecuteAsync("""UPDATE "Journal" SET "DataJson" = '{"comment":"改过"}' WHERE "InstanceId" = @i AND "Sequence" = @s""", ("@i", d.InstanceId), ("@s", edited.Sequence));
        await ExecuteAsync("""UPDATE "CaseEntries" SET "Title" = "Title" || '（补）' WHERE "Id" = @id""", ("@id", line.Id));
        var report = await Check.RunAsync();

        Assert.Collection(report.Problems,
            p => Assert.Equal(("journal", "Journal", d.InstanceId, (long?)edited.Sequence, ProblemCodes.HashMismatch), (p.Kind, p.Table, p.ChainId, p.Sequence, p.Code)),
            p => Assert.Equal(("timeline", "CaseEntries", line.CaseId, (long?)2, line.Id, ProblemCodes.HashMismatch), (p.Kind, p.Table, p.ChainId, p.Sequence, p.EntryId, p.Code)));
        Assert.Equal(edited.Hash, report.Problems.First().Expected);
    }

    [Fact]
    public async Task JournalEntryDeleted_OrItsEndCutOff_IsReported()
    {
        await PublishAllAsync(Host);
        var first = await LegalAidCaseAsync();
        var second = await LegalAidCaseAsync();
        var last = (await Host.Instances.GetJournalAsync(second.InstanceId))[^1];

        await ExecuteAsync("""DELETE FROM "Journal" WHERE "InstanceId" = @i AND "Sequence" = 4""", ("@i", first.InstanceId));
        await ExecuteAsync("""DELETE FROM "Journal" WHERE "InstanceId" = @i AND "Sequence" = @s""", ("@i", second.InstanceId), ("@s", last.Sequence));
        var problems = (await Check.RunAsync()).Problems.OrderBy(p => p.ChainId == first.InstanceId ? 0 : 1).ToList();

        Assert.Equal(2, problems.Count);
        Assert.Equal((first.InstanceId, (long?)5, ProblemCodes.MissingSequence, "4"), (problems[0].ChainId, problems[0].Sequence, problems[0].Code, problems[0].Expected));
        Assert.Equal((second.InstanceId, (long?)(last.Sequence - 1), ProblemCodes.HeadMismatch, last.Hash), (problems[1].ChainId, problems[1].Sequence, problems[1].Code, problems[1].Found));
    }

    [Fact]
    public async Task NoteWrittenOutsideABurst_LinksOnTheCasesLines_WithItsTimeAsSqliteGivesItBack()
    {
        await PublishAllAsync(Host);
        var d = await LegalAidCaseAsync();
        var before = await d.Cases.GetEntriesAsync(d.CaseId);
        // A time with an offset and ticks below the millisecond: what is hashed is what the database gives back.
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 9, 15, 0, 321, TimeSpan.Zero).AddTicks(7777));

        var note = await Host.Services.GetRequiredService<CaseNotes>().AddAsync(new CaseViewer(Officer.Email, Officer.Roles), d.CaseId, "已电话告知申请人补正材料");

        var stored = (await d.Cases.GetEntriesAsync(d.CaseId)).Single(e => e.Id == note.Id);
        Assert.Equal(before.Max(e => e.Sequence) + 1, stored.Sequence);
        Assert.Equal(before.MaxBy(e => e.Sequence)!.Hash, stored.PreviousHash);
        Assert.Equal(stored.Hash, HashChain.Hash(stored.PreviousHash!, HashChain.Canonical(stored, CaseEntry.WriteCanonical)));
        Assert.True((await Check.RunAsync()).IsIntact);
    }

    [Fact]
    public async Task LinesSavedTogetherForSeveralCases_EachTakeTheirCasesNextPlace()
    {
        var factory = Host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>();
        var at = Host.Clock.GetUtcNow();
        await using (var db = await factory.CreateDbContextAsync())
        {
            foreach (var (caseId, n) in new[] { ("a", 1), ("b", 1), ("a", 2), ("a", 3), ("b", 2) })
                db.CaseEntries.Add(new CaseEntry { Id = Ulid.NewId(at), CaseId = caseId, At = at, Kind = "decision", Title = $"{caseId}{n}" });
            await db.SaveChangesAsync();
        }
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.CaseEntries.Add(new CaseEntry { Id = Ulid.NewId(at), CaseId = "a", At = at, Kind = "decision", Title = "a4" });
            await db.SaveChangesAsync();
        }

        await using var read = await factory.CreateDbContextAsync();
        var lines = await read.CaseEntries.AsNoTracking().OrderBy(e => e.CaseId).ThenBy(e => e.Sequence).Select(e => new { e.CaseId, e.Sequence, e.Title }).ToListAsync();
        Assert.Equal(["a 1 a1", "a 2 a2", "a 3 a3", "a 4 a4", "b 1 b1", "b 2 b2"], lines.Select(l => $"{l.CaseId} {l.Sequence} {l.Title}"));
        Assert.True((await Check.RunAsync()).IsIntact);
    }
}
