using Justice.Casework.Integrity;
using Justice.Casework.Persistence;
using Justice.Workflows.Common;
using Justice.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Workflows.Tests.Casework.Integrity;

/// <summary>
/// A database written before the chains existed: the migrations add the columns and number the timeline per case, the
/// start-up links every old journal and timeline, and the upgraded database verifies clean; new records link on.
/// </summary>
public sealed class ChainBackfillTests
{
    [Fact]
    public async Task Migrate_RecordsWrittenBeforeTheChains_AreLinkedOnceAndVerifyClean()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using (var old = new SqliteConnection($"Data Source={Path.Combine(folder, "workflows.db")}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Databases", "before-casework-split.sql"));
            await create.ExecuteNonQueryAsync();
            await using var insert = old.CreateCommand();
            // Two instances with journals, one without; two cases whose lines were inserted out of time order.
            insert.CommandText = """
                INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "DefinitionVersionId", "DefinitionVersion", "Status", "SubStatus", "InputJson", "OutputJson", "StateJson", "CreatedAt", "UpdatedAt", "Revision")
                VALUES ('i1', 'd', 'd:1', 1, 'Running', 'Suspended', '{}', '{}', '{}', 1764115200000, 1764115200000, 2),
                       ('i2', 'd', 'd:1', 1, 'Finished', 'Finished', '{}', '{}', '{}', 1764115200000, 1764115200000, 1),
                       ('i3', 'd', 'd:1', 1, 'Running', 'Suspended', '{}', '{}', '{}', 1764115200000, 1764115200000, 1);
                INSERT INTO "Journal" ("InstanceId", "Sequence", "Timestamp", "ActivityId", "ActivityType", "Event", "OutcomesJson", "DataJson")
                VALUES ('i1', 1, 1764115200000, 'start', 'Elsa.Start', 'Started', '[]', '{}'),
                       ('i1', 2, 1764115200001, 'start', 'Elsa.Start', 'Completed', '["Done"]', '{}'),
                       ('i1', 3, 1764115200002, 'review', 'Justice.UserTask', 'Suspended', '[]', '{"title":"审查"}'),
                       ('i2', 1, 1764115200000, 'start', 'Elsa.Start', 'Started', '[]', '{}');
                INSERT INTO "CaseEntries" ("Id", "CaseId", "At", "Actor", "Kind", "Title", "DataJson")
                VALUES ('e2', 'c1', 1764115300000, NULL, 'decision', '受理', '{}'),
                       ('e1', 'c1', 1764115200000, 'secretary@bureau.test', 'stage', '收到申请', '{}'),
                       ('e3', 'c2', 1764115200000, NULL, 'note', '备注', '{}'),
                       ('e4', 'c1', 1764115400000, NULL, 'document', '受理通知书', '{"number":"（2026）衡仲字第1号"}');
                """;
            await insert.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        await using (var host = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Provider"] = "Sqlite" }, folder: folder))
        {
            var report = await host.Services.GetRequiredService<IntegrityCheck>().RunAsync();

            Assert.True(report.IsIntact, string.Join("\n", report.Problems));
            Assert.Equal((2L, 4L), (report.Results[0].Chains, report.Results[0].Entries));
            Assert.Equal((2L, 4L), (report.Results[1].Chains, report.Results[1].Entries));
            await using var cases = await host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
            Assert.Equal(["e2 1", "e1 2", "e4 3", "e3 1"], await cases.CaseEntries.OrderBy(e => e.CaseId).ThenBy(e => e.Sequence).Select(e => e.Id + " " + e.Sequence).ToListAsync());
            Assert.DoesNotContain(await cases.CaseEntries.Select(e => e.Hash).ToListAsync(), h => !HashChain.IsHash(h));
            await using var engine = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            var heads = await engine.Instances.OrderBy(i => i.Id).Select(i => i.JournalHead).ToListAsync();
            Assert.Equal(await engine.Journal.Where(j => j.InstanceId == "i1" && j.Sequence == 3).Select(j => j.Hash).SingleAsync(), heads[0]);
            Assert.Equal(HashChain.Genesis, heads[2]);
            Assert.False(cases.Database.HasPendingModelChanges());
            Assert.False(engine.Database.HasPendingModelChanges());
        }
        SqliteConnection.ClearAllPools();

        // A second start finds nothing left to link; a new line of an old case links onto its last old line.
        await using (var again = await WorkflowTestHost.CreateAsync(new() { ["Workflows:Provider"] = "Sqlite" }, folder: folder))
        {
            var factory = again.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
            {
                db.CaseEntries.Add(new Justice.Casework.Records.CaseEntry { Id = "e5", CaseId = "c1", At = again.Clock.GetUtcNow(), Kind = "note", Title = "升级后的备注" });
                await db.SaveChangesAsync();
            }
            await using (var db = await factory.CreateDbContextAsync())
            {
                var (last, added) = (await db.CaseEntries.SingleAsync(e => e.Id == "e4"), await db.CaseEntries.SingleAsync(e => e.Id == "e5"));
                Assert.Equal((4L, last.Hash), (added.Sequence, added.PreviousHash));
            }
            Assert.True((await again.Services.GetRequiredService<IntegrityCheck>().RunAsync()).IsIntact);
        }
        SqliteConnection.ClearAllPools();
    }
}
