using Justice.Portal.Features.Filing;
using System.Text.Json.Nodes;
using Justice.Portal.Demo;
using Justice.Workflows.Persistence;
using Justice.Casework.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Demo;

/// <summary>The demo data, made through the real engine, covers every stage and branch of docs/domain/demo-data.md §4.</summary>
public sealed class DemoSeederTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Seed_EveryScenarioOnce_CoversTheStagesOfEveryKind()
    {
        await factory.ClientAsync();
        var seeder = factory.Services.GetRequiredService<DemoSeeder>();

        var result = await seeder.SeedAsync(60, concurrency: 4, randomSeed: 7);

        Assert.Equal((60, 0), (result.Done, result.Failed));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var cases = await db.Cases.AsNoTracking().ToListAsync();
        Assert.All(cases, c => Assert.True(c.IsDemo));
        Assert.Equal(["arbitration", "commitment", "legal-aid", "notary"], cases.Select(c => c.Kind).Distinct().Order());
        var outcomes = cases.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Select(c => c.Outcome ?? c.Stage).ToHashSet());
        Covers(outcomes["arbitration"], "申请", "受理", "组庭", "开庭", "中止", "不予受理", "视为撤回", "撤回", "裁决", "调解");
        Covers(outcomes["notary"], "申请", "受理", "不予受理", "不予办理", "终止公证", "出证");
        Covers(outcomes["legal-aid"], "申请", "受理", "不予法律援助", "终止法律援助", "结案");
        Covers(outcomes["commitment"], "依承诺办结", "不适用告知承诺", "核查属实", "承诺不实");
        var grades = cases.Where(c => c.Kind == "arbitration" && c.Stage == "已评查").Select(c => JsonNode.Parse(c.FieldsJson)!["reviewGrade"]!.GetValue<string>()).ToHashSet();
        Covers(grades, "优秀", "合格", "基本合格", "不合格");
        Assert.Contains(cases, c => c.Kind == "notary" && c.Stage == "已撤销");
        Assert.NotEmpty(await db.CreditRecords.ToListAsync());

        var parties = await db.CaseParties.AsNoTracking().ToListAsync();
        Assert.All(parties.Where(p => p.IdNumber is not null), p => Assert.True(ChineseIdentity.IsValidResidentId(p.IdNumber!), p.IdNumber));
        Assert.All(parties.Where(p => p.CreditCode is not null), p => Assert.True(ChineseIdentity.IsValidCreditCode(p.CreditCode!), p.CreditCode));
        Assert.All(parties.Where(p => p.IdNumber is not null), p => Assert.StartsWith("4304", p.IdNumber));
        var applicantKinds = cases.Where(c => parties.Any(p => p.CaseId == c.Id && p.UserEmail == "applicant@demo.justice.local")).Select(c => c.Kind).ToHashSet();
        Covers(applicantKinds, "arbitration", "notary", "legal-aid");
        Assert.Contains(cases, c => c.FiledOn < new DateOnly(2025, 1, 1));
        Assert.Equal(cases.Count(c => c.Number is not null), cases.Where(c => c.Number is not null).Select(c => c.Number).Distinct().Count());
    }

    static void Covers(IEnumerable<string?> actual, params string[] expected)
    {
        var set = actual.ToHashSet();
        Assert.All(expected, e => Assert.True(set.Contains(e), $"missing “{e}” in {string.Join("、", set)}"));
    }
}
