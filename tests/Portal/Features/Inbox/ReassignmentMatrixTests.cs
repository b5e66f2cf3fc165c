using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Portal.Data;
using Justice.Workflows.Runtime.State;
using Justice.Portal.Tests.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Inbox;

/// <summary>
/// Reassignment: every head (and every other role) × a task of every unit × every kind of assignee. Only the head of the
/// task's own unit (or the administrator) hands it on, and only to an active staff account holding the task's role or relation.
/// </summary>
public sealed class ReassignmentMatrixTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    static readonly Dictionary<string, string> Heads = new() { ["arbitration"] = "director", ["notary"] = "notary-head", ["legal-aid"] = "legalaid-head" };

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in PortalRoles.All)
            foreach (var unit in Heads.Keys)
                data.Add(role, unit);
        return data;
    }

    /// <summary>An open task of the unit, someone who may hold it, and a locked account that otherwise could.</summary>
    async Task<(HumanTaskRecord Task, string Eligible, string Locked)> TaskOfAsync(string unit)
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var open = await db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskRecord.Open && (t.Role != null || t.CaseRelation != null) && t.ExcludedRelationsJson == null)
            .Join(db.Cases.Where(c => c.Kind == unit), t => t.CaseId, c => c.Id, (t, c) => t).OrderBy(t => t.Role == null).ThenBy(t => t.Id).FirstAsync();
        var key = open.Role ?? open.CaseRelation!;
        var locked = $"locked-{key}-{open.Id.ToLowerInvariant()}@demo.justice.local";
        var users = portal.Factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(locked) is null)
        {
            var user = new ApplicationUser { UserName = locked, Email = locked, EmailConfirmed = true, LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, PortalFactory.Password)).Succeeded);
            await users.AddToRoleAsync(user, open.Role ?? PortalRoles.Notary);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddYears(10));
            if (open.CaseRelation is { } relation)
            {
                db.CaseMembers.Add(new Justice.Casework.Records.CaseMember { Id = Guid.NewGuid().ToString("N"), CaseId = open.CaseId!, UserEmail = locked, Relation = relation == "tribunal" ? "arbitrator" : relation });
                await db.SaveChangesAsync();
            }
        }
        var eligible = open.Role is { } role ? $"{role}@demo.justice.local"
            : await db.CaseMembers.Where(m => m.CaseId == open.CaseId && m.Active && m.UserEmail != locked
                && (m.Relation == open.CaseRelation || (open.CaseRelation == "tribunal" && (m.Relation == "arbitrator" || m.Relation == "presiding-arbitrator"))))
                .Select(m => m.UserEmail).FirstAsync();
        return (open, eligible, locked);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Reassign_OnlyWithinTheHeadsUnit_OnlyToWhoMayHoldTheTask(string role, string unit)
    {
        var (task, eligible, locked) = await TaskOfAsync(unit);
        var client = await portal.Factory.ClientAsync(role);
        var mayReassign = role == Heads[unit] || role == PortalRoles.Admin;
        var wrongRole = task.Role == PortalRoles.CreditOfficer ? "reviewer@demo.justice.local" : "credit-officer@demo.justice.local";

        var assignees = new Dictionary<string, HttpStatusCode>
        {
            ["unknown@nowhere.example"] = HttpStatusCode.BadRequest,
            ["auditor@demo.justice.local"] = HttpStatusCode.BadRequest,
            ["applicant@demo.justice.local"] = HttpStatusCode.BadRequest,
            [wrongRole] = HttpStatusCode.BadRequest,
            [locked] = HttpStatusCode.BadRequest,
            ["not an address"] = HttpStatusCode.BadRequest,
            [eligible] = HttpStatusCode.OK,
        };
        foreach (var (assignee, expected) in assignees)
        {
            var answer = await client.PostAsJsonAsync($"/api/tasks/{task.Id}/reassign", new { assignee });
            Assert.True((mayReassign ? expected : HttpStatusCode.Forbidden) == answer.StatusCode,
                $"{role} reassigning a {unit} task ({task.Role}) to {assignee}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            if (mayReassign && expected == HttpStatusCode.BadRequest)
                Assert.Contains("改派", (await answer.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Reassignment_IsAudited_AndTheNewHolderMayComplete_TheAuditorNever()
    {
        var (task, eligible, _) = await TaskOfAsync("notary");
        var head = await portal.Factory.ClientAsync("notary-head");

        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync($"/api/tasks/{task.Id}/reassign", new { assignee = eligible })).StatusCode);

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditLog;
        Assert.Contains(await audit.Where(e => e.Action == "task.reassign" && e.Target == task.Id).ToListAsync(), e => e.Actor == "notary-head@demo.justice.local" && e.Details!.Contains(eligible));
        var auditor = await portal.Factory.ClientAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/tasks/{task.Id}/claim", new { })).StatusCode);
    }
}
