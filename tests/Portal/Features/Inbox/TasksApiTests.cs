using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Portal.Data;
using Justice.Portal.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Inbox;

public sealed class TasksApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    async Task<(JsonObject Instance, JsonObject Task)> StartApprovalAsync(string subject)
    {
        var admin = await factory.ClientAsync("admin");
        var started = await admin.PostAsJsonAsync("/api/workflow-definitions/general-approval/execute", new { input = new { Subject = subject } });
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var secretary = await factory.ClientAsync("secretary");
        var tasks = await secretary.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        var task = tasks!["items"]!.AsArray().Single(t => t!["instanceId"]!.GetValue<string>() == instance["id"]!.GetValue<string>())!.AsObject();
        return (instance, task);
    }

    [Fact]
    public async Task List_ShowsTaskToItsRoleOnly()
    {
        var (_, task) = await StartApprovalAsync("查看权限");

        Assert.Equal("审核：查看权限", task["title"]!.GetValue<string>());
        Assert.Equal(["同意", "退回"], task["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        var notary = await factory.ClientAsync("notary");
        var others = await notary.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        Assert.DoesNotContain(others!["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == task["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_NamesTheAssigneeByTheirFullName()
    {
        var (_, task) = await StartApprovalAsync("经办人姓名");
        var secretary = await factory.ClientAsync("secretary");
        Assert.Equal(HttpStatusCode.OK, (await secretary.PostAsync($"/api/tasks/{task["id"]}/claim", null)).StatusCode);

        var tasks = await secretary.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");

        var claimed = tasks!["items"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == task["id"]!.GetValue<string>())!;
        var email = claimed["assignee"]!.GetValue<string>();
        Assert.Equal(DemoStaff.For(email)!.FullName, claimed["assigneeName"]!.GetValue<string>());
        Assert.All(tasks["items"]!.AsArray().Where(t => t!["assignee"] is null), t => Assert.Null(t!["assigneeName"]));
    }

    [Fact]
    public async Task StaffDirectory_FindsSeveralAccountsAtOnce_ByTheirAddressInAnyCase()
    {
        var directory = factory.Services.GetRequiredService<IStaffDirectory>();
        var secretary = "secretary@" + AccountSeeder.DemoDomain;
        var notary = "notary@" + AccountSeeder.DemoDomain;

        var found = await directory.FindManyAsync([secretary.ToUpperInvariant(), notary, "nobody@nowhere.test", notary]);

        Assert.Equal([notary, secretary], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DemoStaff.For(secretary)!.FullName, found[secretary].DisplayName);
        Assert.Equal((await directory.FindAsync(notary))!.Roles.Order(), found[notary].Roles.Order());
    }

    [Fact]
    public async Task Complete_ByRole_ResumesAndRecordsDecision()
    {
        var (instance, task) = await StartApprovalAsync("同意测试");
        var secretary = await factory.ClientAsync("secretary");

        var response = await secretary.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "同意", comment = "材料齐全" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Finished", done["subStatus"]!.GetValue<string>());
        Assert.Equal("同意", done["variables"]!["Decision"]!.GetValue<string>());
        var decision = done["journal"]!.AsArray().Single(j => j!["activityId"]!.GetValue<string>() == "review" && j["event"]!.GetValue<string>() == "Completed")!;
        Assert.Equal("secretary@demo.justice.local", decision["data"]!["by"]!.GetValue<string>());
        Assert.Equal("材料齐全", decision["data"]!["comment"]!.GetValue<string>());
        Assert.Equal(instance["id"]!.GetValue<string>(), done["id"]!.GetValue<string>());

        var again = await secretary.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "同意" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Complete_WithTooLongCommentOrUnboundedData_Returns400_AndTheTaskStaysOpen()
    {
        var (_, task) = await StartApprovalAsync("长度限制");
        var secretary = await factory.ClientAsync("secretary");

        var comment = await secretary.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "同意", comment = new string('长', 4001) });
        var bulky = await secretary.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "同意", data = new { note = new string('x', 5000) } });
        var nested = await secretary.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "同意", data = new { note = new { deep = new[] { 1, 2, 3 } } } });
        var huge = await secretary.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "同意", data = Enumerable.Range(0, 100).ToDictionary(i => $"f{i}", _ => new string('x', 1000)) });

        Assert.Equal(HttpStatusCode.BadRequest, comment.StatusCode);
        Assert.Contains("4000", await comment.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bulky.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        var done = await secretary.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "同意", comment = new string('长', 4000) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task Complete_WithOutcomeNotOffered_Returns400()
    {
        var (_, task) = await StartApprovalAsync("错误结果");
        var secretary = await factory.ClientAsync("secretary");

        var response = await secretary.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "批准" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("invalid-outcome", problem!["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Complete_ByOtherRole_Returns403()
    {
        var (_, task) = await StartApprovalAsync("越权");
        var notary = await factory.ClientAsync("notary");

        var response = await notary.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "同意" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Complete_UnknownTask_Returns404()
    {
        var secretary = await factory.ClientAsync("secretary");

        var response = await secretary.PostAsJsonAsync("/api/tasks/nope/complete", new { outcome = "同意" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
