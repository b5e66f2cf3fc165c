using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Portal.Data;
using Justice.Portal.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Audit;

/// <summary>Every "double random" draw is in the audit log with its seed, beside the staff-only record on the case.</summary>
public sealed class SamplingAuditTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    [Fact]
    public async Task EveryDraw_IsAudited_WithTheSeedOfItsStaffOnlyRecord()
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var records = await db.CaseEntries.AsNoTracking().Where(e => e.Kind == "sampling").ToListAsync();
        Assert.NotEmpty(records);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var audited = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditLog.AsNoTracking().Where(e => e.Action == "sampling.draw").ToListAsync();

        foreach (var record in records)
        {
            var seed = JsonNode.Parse(record.DataJson)!["seed"]!.GetValue<int>();
            Assert.Contains(audited, e => JsonNode.Parse(e.Details!)!["seed"]!.GetValue<int>() == seed);
        }
    }
}
