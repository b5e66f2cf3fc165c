using Justice.Casework;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Workflows.Tests.Casework.Persistence;

/// <summary>Draws recorded before seeds were drawn at decision time: the migration moves them where only the staff read them.</summary>
public sealed class SamplingRecordsMigrationTests : IAsyncLifetime
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
    ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Workflows:RunTimers"] = "false" }).Build();
        _services = new ServiceCollection().AddLogging()
            .AddJusticeWorkflows(configuration, $"Data Source={Path.Combine(_folder, "workflows.db")}")
            .AddJusticeCasework(configuration, $"Data Source={Path.Combine(_folder, "workflows.db")}").BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Migrate_MovesAnOlderDrawToTheStaffOnlyRecord_AndGivesItsVerifierTheRelation()
    {
        var factory = _services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var cases = _services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>();
        await using (var engine = await factory.CreateDbContextAsync())
            await engine.GetService<IMigrator>().MigrateAsync("20261126113746_ListIndexes");
        // The rows as that schema had them, written in SQL: today's model has columns the old tables lack.
        await using (var before = await cases.CreateDbContextAsync())
        {
            await before.Database.OpenConnectionAsync();
            await using var insert = before.Database.GetDbConnection().CreateCommand();
            insert.CommandText = """
                INSERT INTO "Cases" ("Id", "Kind", "Title", "Stage", "Status", "FieldsJson", "IsDemo", "CreatedAt", "UpdatedAt", "Revision")
                VALUES ('c1', 'commitment', '学历公证承诺', '待核查', 'open',
                        '{"parentKind":"notary","sampling":{"seed":123456789,"value":0.05,"sampled":true,"verifier":"verifier@bureau.test","rate":0.2}}', 0, 1763604000000, 1763604000000, 0);
                INSERT INTO "CaseEntries" ("Id", "CaseId", "At", "Actor", "Kind", "Title", "DataJson")
                VALUES ('e1', 'c1', 1763604000000, NULL, 'decision', '随机抽查：抽中，核查人员 verifier@bureau.test（种子 123456789）', '{}'),
                       ('e2', 'c1', 1763604000000, NULL, 'decision', '依承诺办理', '{}');
                INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "DefinitionVersionId", "DefinitionVersion", "CorrelationId", "Status", "SubStatus", "InputJson", "OutputJson", "StateJson", "CreatedAt", "UpdatedAt", "Revision")
                VALUES ('i1', 'commitment-certification', 'v1', 0, 'c1', 'Finished', 'Finished', '{"Matter":"学历","Seed":123456789}', '{}', '{}', 1763604000000, 1763604000000, 0),
                       ('i2', 'commitment-verification', 'v2', 0, 'c1', 'Running', 'Suspended', '{}', '{}', '{}', 1763604000000, 1763604000000, 0);
                INSERT INTO "HumanTasks" ("Id", "InstanceId", "DefinitionId", "ActivityId", "Title", "Assignee", "CaseId", "OutcomesJson", "CreatedAt", "Status")
                VALUES ('t1', 'i2', 'commitment-verification', 'verify', '核查承诺是否属实', 'Verifier@bureau.test', 'c1', '[]', 1763604000000, 'Open');
                """;
            await insert.ExecuteNonQueryAsync();
        }

        await using (var engine = await factory.CreateDbContextAsync())
            await engine.Database.MigrateAsync();
        await using var db = await cases.CreateDbContextAsync();
        await db.Database.MigrateAsync();

        var record = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == "c1");
        Assert.DoesNotContain("sampling", record.FieldsJson);
        Assert.Contains("\"parentKind\":\"notary\"", record.FieldsJson);
        var entries = await db.CaseEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
        Assert.Equal([CaseEntryKinds.Sampling, "decision"], entries);
        Assert.DoesNotContain("Seed", (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == "i1")).InputJson);
        var member = await db.CaseMembers.AsNoTracking().SingleAsync(m => m.CaseId == "c1");
        Assert.Equal(("verifier@bureau.test", CaseRelations.Verifier, true), (member.UserEmail, member.Relation, member.Active));
    }
}
