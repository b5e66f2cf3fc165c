using Justice.Casework.Cases;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using Justice.Portal.Data;
using Justice.Portal.Tests.Api;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Cases;

/// <summary>
/// The case lists and the inbox are answered by single SQL queries (so that the database pages them); the same
/// rules also exist per case and per task (<see cref="CaseAccess.CanSee"/>, <see cref="TaskService.MayActAsync"/>).
/// On seeded demo data plus hand-made edge cases, both forms must give the same answer for every account.
/// </summary>
public sealed class ListRuleTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    const string Domain = "demo.justice.local";

    IServiceProvider Services => portal.Factory.Services;

    async Task<CaseworkDbContext> DbAsync() => await Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();

    async Task<List<(string Email, string[] Roles)>> AccountsAsync()
    {
        await using var db = await DbAsync();
        var related = await db.CaseMembers.Select(m => m.UserEmail).Distinct().ToListAsync();
        var parties = await db.CaseParties.Where(p => p.UserEmail != null).Select(p => p.UserEmail!).Distinct().ToListAsync();
        return PortalRoles.All.Select(r => $"{r}@{Domain}").Concat(related).Concat(parties).Distinct()
            .Select(email => (email, new[] { RoleOf(email) })).ToList();
    }

    /// <summary>The demo colleagues are named after their role (<c>arbitrator7@…</c>).</summary>
    static string RoleOf(string email) => email.Split('@')[0].TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');

    [Fact]
    public async Task Case_lists_show_exactly_the_cases_each_account_may_see()
    {
        await using var db = await DbAsync();
        var all = await db.Cases.AsNoTracking().ToListAsync();
        var parties = (await db.CaseParties.AsNoTracking().ToListAsync()).ToLookup(p => p.CaseId);
        var members = (await db.CaseMembers.AsNoTracking().ToListAsync()).ToLookup(m => m.CaseId);
        var queries = Services.GetRequiredService<CaseQueries>();
        var checkedAccounts = 0;
        foreach (var (email, roles) in await AccountsAsync())
        {
            var viewer = new CaseViewer(email, roles);
            var expected = all.Where(c => CaseAccess.CanSee(viewer, c, [.. parties[c.Id]], [.. members[c.Id]])).Select(c => c.Id).Order().ToList();
            var (items, total) = await queries.ListAsync(viewer, new CaseListQuery(null, null, null, null, null, null, 1, 10_000));
            Assert.Equal(expected.Count, total);
            Assert.Equal(expected, items.Select(i => i.Id).Order().ToList());
            checkedAccounts++;
        }
        Assert.True(checkedAccounts >= PortalRoles.All.Count());
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("secretary")]
    [InlineData("applicant")]
    public async Task Search_finds_numbers_titles_and_party_names_and_pages_add_up(string role)
    {
        var viewer = new CaseViewer($"{role}@{Domain}", [role]);
        var queries = Services.GetRequiredService<CaseQueries>();
        var (visible, _) = await queries.ListAsync(viewer, new CaseListQuery(null, null, null, null, null, null, 1, 10_000));
        Assert.NotEmpty(visible);
        var sample = visible[visible.Count / 2];
        foreach (var text in new[] { sample.Parties[0], sample.Parties[0][..1], sample.Title[^4..], sample.Number?[^6..] ?? sample.Title[..2] })
        {
            var expected = visible.Where(c => (c.Number?.Contains(text) ?? false) || c.Title.Contains(text) || c.Parties.Any(p => p.Contains(text)))
                .Select(c => c.Id).ToHashSet();
            var paged = new List<CaseListItem>();
            for (var page = 1; ; page++)
            {
                var (items, total) = await queries.ListAsync(viewer, new CaseListQuery(null, text, null, null, null, null, page, 7));
                Assert.Equal(expected.Count, total);
                paged.AddRange(items);
                if (items.Count < 7)
                    break;
            }
            Assert.Equal(expected.Order(), paged.Select(c => c.Id).Order());
            // Newest first, the id breaking ties, and no case on two pages.
            Assert.Equal(paged.OrderByDescending(c => c.FiledOn).ThenByDescending(c => c.Id, StringComparer.Ordinal).Select(c => c.Id), paged.Select(c => c.Id));
        }
    }

    [Fact]
    public async Task Inbox_holds_exactly_the_tasks_each_account_may_act_on_overdue_first()
    {
        await AddEdgeCasesAsync();
        await using var db = await DbAsync();
        var open = await db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskRecord.Open).ToListAsync();
        var tasks = Services.GetRequiredService<TaskService>();
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var accounts = (await AccountsAsync()).Append(("judge@edge.test", ["arbitrator"])).Append(("member@edge.test", ["director"])).ToList();
        foreach (var (email, roles) in accounts)
        {
            var user = new TaskUser(email, roles);
            var expected = new List<HumanTaskRecord>();
            foreach (var task in open)
            {
                if (await tasks.MayActAsync(task, user))
                    expected.Add(task);
            }
            var (items, total, overdue) = await tasks.ListPageAsync(user, 1, int.MaxValue);
            Assert.Equal(expected.Select(t => t.Id).Order(), items.Select(t => t.Id).Order());
            Assert.Equal(expected.Count, total);
            Assert.Equal(expected.Count(t => t.IsOverdue || t.DueAt <= now), overdue);
            var overdueFlags = items.Select(t => t.IsOverdue || t.DueAt <= now).ToList();
            Assert.Equal(overdueFlags.OrderByDescending(f => f), overdueFlags);
        }
        // The edge cases decide as the per-task rule does: the excluded tribunal member does not see the challenge
        // decision, the recused arbitrator loses the tribunal task, the active one keeps it.
        var judge = (await tasks.ListPageAsync(new TaskUser("judge@edge.test", ["arbitrator"]), 1, 100)).Items.Select(t => t.Id).ToList();
        Assert.Contains("edge-tribunal", judge);
        Assert.DoesNotContain("edge-challenge", judge);
        var member = (await tasks.ListPageAsync(new TaskUser("member@edge.test", ["director"]), 1, 100)).Items.Select(t => t.Id).ToList();
        Assert.DoesNotContain("edge-challenge", member);
        Assert.Contains("edge-assigned", member);
        Assert.DoesNotContain("edge-recused", member);
        var director = (await tasks.ListPageAsync(new TaskUser($"director@{Domain}", ["director"]), 1, 100)).Items.Select(t => t.Id).ToList();
        Assert.Contains("edge-challenge", director);
    }

    async Task AddEdgeCasesAsync()
    {
        await using var db = await DbAsync();
        if (await db.HumanTasks.AnyAsync(t => t.Id == "edge-tribunal"))
            return;
        var at = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        db.CaseMembers.AddRange(
            new CaseMember { Id = "edge-m1", CaseId = "edge-case", UserEmail = "judge@edge.test", Relation = CaseRelations.PresidingArbitrator, Since = at },
            new CaseMember { Id = "edge-m2", CaseId = "edge-case", UserEmail = "member@edge.test", Relation = CaseRelations.Arbitrator, Since = at },
            new CaseMember { Id = "edge-m3", CaseId = "edge-case-2", UserEmail = "member@edge.test", Relation = CaseRelations.Arbitrator, Since = at, Active = false, Until = at });
        HumanTaskRecord NewTask(string id, string? caseId) => new()
        {
            Id = id, InstanceId = "edge-instance", DefinitionId = "edge", ActivityId = id, Title = id, CaseId = caseId, CreatedAt = at,
        };
        db.HumanTasks.AddRange(
            NewTask("edge-tribunal", "edge-case"),
            NewTask("edge-challenge", "edge-case"),
            NewTask("edge-recused", "edge-case-2"),
            NewTask("edge-assigned", "edge-case-3"));
        await db.SaveChangesAsync();
        await db.HumanTasks.Where(t => t.Id == "edge-tribunal").ExecuteUpdateAsync(s => s.SetProperty(t => t.CaseRelation, "tribunal").SetProperty(t => t.DueAt, at.AddDays(-1)));
        await db.HumanTasks.Where(t => t.Id == "edge-challenge").ExecuteUpdateAsync(s => s.SetProperty(t => t.Role, "director").SetProperty(t => t.ExcludedRelationsJson, "[\"tribunal\"]"));
        await db.HumanTasks.Where(t => t.Id == "edge-recused").ExecuteUpdateAsync(s => s.SetProperty(t => t.CaseRelation, "tribunal"));
        await db.HumanTasks.Where(t => t.Id == "edge-assigned").ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, "member@edge.test").SetProperty(t => t.Role, "secretary"));
    }
}
