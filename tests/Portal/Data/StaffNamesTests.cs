using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Justice.Casework.Cases;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using Justice.Portal.Data;
using Justice.Portal.Demo;
using Justice.Portal.Features.Filing;
using Justice.Portal.Features.Inbox;
using Justice.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Data;

/// <summary>People are named as people: staff accounts carry a name, title and unit, and cases, inbox and timeline show the name.</summary>
public sealed class StaffNamesTests : IAsyncLifetime
{
    readonly PortalFactory _factory = new();

    public async Task InitializeAsync() => await _factory.ClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task DemoAccounts_EveryStaffAccountHasAChineseName_TitleAndUnit_TheSameInEveryRun()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var staff = await users.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@" + AccountSeeder.DemoDomain) && u.Email != "applicant@" + AccountSeeder.DemoDomain).ToListAsync();

        Assert.Equal(DemoStaff.Accounts.Count, staff.Count);
        Assert.All(staff, u =>
        {
            Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}{2,4}$", u.FullName ?? "");
            Assert.False(string.IsNullOrWhiteSpace(u.Title), u.Email);
            Assert.False(string.IsNullOrWhiteSpace(u.Unit), u.Email);
            Assert.Equal(DemoStaff.For(u.Email!)!.FullName, u.FullName);
        });
        Assert.Equal(staff.Count, staff.Select(u => u.FullName).Distinct().Count());
        var secretary = staff.Single(u => u.Email == "secretary3@" + AccountSeeder.DemoDomain);
        Assert.Equal(("仲裁秘书", "衡阳仲裁委员会"), (secretary.Title, secretary.Unit));

        var directory = _factory.Services.GetRequiredService<IStaffDirectory>();
        Assert.Equal(secretary.FullName, (await directory.FindAsync("secretary3@" + AccountSeeder.DemoDomain))!.DisplayName);
    }

    [Fact]
    public async Task FiledCase_NamesTheSecretary_InTheCaseFile_TheInbox_AndTheCasePage()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var filing = scope.ServiceProvider.GetRequiredService<FilingService>();
        var caseId = await filing.FileArbitrationAsync("applicant@demo.justice.local", new ArbitrationFiling
        {
            Claimant = new FilingPerson { Name = "罗建平", IdNumber = ChineseIdentity.ResidentId("430405", new DateOnly(1988, 6, 1), 57), Address = "湖南省衡阳市珠晖区东风路1号", Phone = "13907340001" },
            RespondentKind = "organization", RespondentName = "衡阳市湘江物流有限公司", RespondentCode = ChineseIdentity.CreditCode("430408", "MA4L0002"),
            RespondentRepresentative = "欧阳明", RespondentAddress = "湖南省衡阳市蒸湘区长丰大道3号",
            DisputeType = "服务合同", Claims = "1. 支付服务费5,000元", Facts = "被申请人未付服务费。", Amount = 5000,
        }, [new Upload("合同.pdf", "application/pdf", "%PDF-1.4 test"u8.ToArray(), "仲裁协议")]);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var secretary = await db.CaseMembers.AsNoTracking().SingleAsync(m => m.CaseId == caseId && m.Relation == CaseRelations.Secretary);
        var name = DemoStaff.For(secretary.UserEmail)!.FullName;
        Assert.Equal(name, secretary.DisplayName);
        Assert.Contains(await db.CaseEntries.AsNoTracking().Where(e => e.CaseId == caseId).Select(e => e.Title).ToListAsync(), t => t.StartsWith($"办案秘书：{name}"));

        // The inbox's 处理人: the director hands the task to the secretary by name, and the inbox shows the name.
        var user = new TaskUser(secretary.UserEmail, [PortalRoles.Secretary]);
        var inbox = scope.ServiceProvider.GetRequiredService<InboxService>();
        var task = (await inbox.ListAsync(user, filter: new TaskFilter(caseId, null))).Items.First();
        var director = new TaskUser("director@demo.justice.local", [PortalRoles.Director]);
        Assert.IsType<TaskCompletion.Changed>(await scope.ServiceProvider.GetRequiredService<TaskService>().ReassignAsync(task.Task.Id, director, secretary.UserEmail));
        var claimed = (await inbox.ListAsync(user, filter: new TaskFilter(caseId, null))).Items.Single(i => i.Task.Id == task.Task.Id);
        Assert.Equal((secretary.UserEmail, name), (claimed.Task.Assignee, claimed.AssigneeName));
        Assert.IsType<TaskCompletion.Completed>(await scope.ServiceProvider.GetRequiredService<TaskService>().CompleteAsync(task.Task.Id, user, "受理", null, null));

        // The case page: members and timeline by name; the address only in a tooltip (title attribute) for staff.
        var client = await _factory.ClientForEmailAsync(secretary.UserEmail);
        var page = await client.GetStringAsync($"/cases/view/{caseId}");
        var team = Regex.Match(page, "data-member=\"secretary\".*?</div>", RegexOptions.Singleline).Value;
        Assert.Contains(name, team);
        Assert.Contains($"title=\"{secretary.UserEmail}\"", team);
        var timeline = Regex.Match(page, "data-testid=\"timeline\".*?</ol>", RegexOptions.Singleline).Value;
        Assert.Contains($"<span class=\"actor\" title=\"{secretary.UserEmail}\">{name}</span>", timeline);
        Assert.Contains("罗建平", timeline); // the applicant's own upload, by the party's name
        Assert.DoesNotContain("@", Regex.Replace(timeline, "title=\"[^\"]*\"", ""));

        // The API gives the name beside the address.
        var api = await client.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
        Assert.Contains(api!["timeline"]!.AsArray(), e => e!["actor"]?.GetValue<string>() == secretary.UserEmail && e["actorName"]!.GetValue<string>() == name);

        // A party sees the names without the staff's addresses.
        var applicant = await _factory.ClientAsync(PortalRoles.Applicant);
        var partyPage = await applicant.GetStringAsync($"/cases/view/{caseId}");
        Assert.Contains(name, partyPage);
        Assert.DoesNotContain(secretary.UserEmail, partyPage);
    }

    [Fact]
    public async Task Administrator_EditsTheProfile_TheDirectoryNamesThePerson_AndTheChangeIsAudited()
    {
        var admin = await _factory.ClientAsync(PortalRoles.Admin);
        var list = await admin.GetFromJsonAsync<JsonObject>("/api/admin/users?q=secretary2@");
        var row = list!["items"]!.AsArray().Single()!;
        var id = row["id"]!.GetValue<string>();
        var before = row["fullName"]!.GetValue<string>();

        var refused = await admin.PutAsJsonAsync($"/api/admin/users/{id}/profile", new { fullName = "secretary2@demo.justice.local" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不能是邮箱", await refused.Content.ReadAsStringAsync());

        var saved = await admin.PutAsJsonAsync($"/api/admin/users/{id}/profile", new { fullName = " 欧阳若曦 ", title = "仲裁秘书（四级主任科员）", unit = "衡阳仲裁委员会秘书处" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var user = await saved.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("欧阳若曦", "仲裁秘书（四级主任科员）", "衡阳仲裁委员会秘书处"),
            (user!["fullName"]!.GetValue<string>(), user["title"]!.GetValue<string>(), user["unit"]!.GetValue<string>()));
        Assert.Equal("欧阳若曦", (await _factory.Services.GetRequiredService<IStaffDirectory>().FindAsync("Secretary2@demo.justice.local"))!.DisplayName);
        var byName = await admin.GetFromJsonAsync<JsonObject>("/api/admin/users?q=欧阳若曦");
        Assert.Equal(id, byName!["items"]!.AsArray().Single()!["id"]!.GetValue<string>());

        var auditor = await _factory.ClientAsync(PortalRoles.Auditor);
        var log = await auditor.GetFromJsonAsync<JsonObject>("/api/audit?action=user.profile");
        var entry = log!["items"]!.AsArray().Single()!;
        Assert.Equal(("secretary2@demo.justice.local", "admin@demo.justice.local"), (entry["target"]!.GetValue<string>(), entry["actor"]!.GetValue<string>()));
        Assert.Contains($"原：姓名 {before}", entry["details"]!.GetValue<string>());
        Assert.Contains("现：姓名 欧阳若曦", entry["details"]!.GetValue<string>());
    }
}
