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
        await using (var before = await cases.CreateDbContextAsync())
        {
            var at = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
            before.Cases.Add(new CaseRecord
            {
                Id = "c1", Kind = CaseKinds.Commitment, Title = "学历公证承诺", Stage = "待核查", CreatedAt = at, UpdatedAt = at,
                FieldsJson = """{"parentKind":"notary","sampling":{"seed":123456789,"value":0.05,"sampled":true,"verifier":"verifier@bureau.test","rate":0.2}}""",
            });
            before.CaseEntries.Add(new CaseEntry { Id = "e1", CaseId = "c1", At = at, Kind = "decision", Title = "随机抽查：抽中，核查人员 verifier@bureau.test（种子 123456789）" });
            before.CaseEntries.Add(new CaseEntry { Id = "e2", CaseId = "c1", At = at, Kind = "decision", Title = "依承诺办理" });
            before.Instances.Add(new WorkflowInstanceRecord
            {
                Id = "i1", DefinitionId = "commitment-certification", DefinitionVersionId = "v1", CorrelationId = "c1", Status = "Finished", SubStatus = "Finished",
                InputJson = """{"Matter":"学历","Seed":123456789}""", CreatedAt = at, UpdatedAt = at,
            });
            before.Instances.Add(new WorkflowInstanceRecord
            {
                Id = "i2", DefinitionId = "commitment-verification", DefinitionVersionId = "v2", CorrelationId = "c1", Status = "Running", SubStatus = "Suspended", CreatedAt = at, UpdatedAt = at,
            });
            before.HumanTasks.Add(new HumanTaskRecord
            {
                Id = "t1", InstanceId = "i2", DefinitionId = "commitment-verification", ActivityId = "verify", Title = "核查承诺是否属实", Assignee = "Verifier@bureau.test", CaseId = "c1", CreatedAt = at,
            });
            await before.SaveChangesAsync();
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
