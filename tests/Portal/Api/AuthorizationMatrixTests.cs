using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Persistence;
using Justice.Portal.Data;
using Justice.Portal.Demo;
using Justice.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Api;

/// <summary>A portal with demo cases of every kind, shared by the matrix tests.</summary>
public sealed class SeededPortal : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();
    public Dictionary<string, JsonObject> SampleCases { get; } = [];
    public string ArbitrationInstance { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Factory.ClientAsync();
        var result = await Factory.Services.GetRequiredService<DemoSeeder>().SeedAsync(60, concurrency: 4, randomSeed: 11);
        Assert.Equal(0, result.Failed);
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        foreach (var kind in new[] { "arbitration", "notary", "legal-aid", "commitment" })
        {
            var record = await db.Cases.AsNoTracking().Where(c => c.Kind == kind && c.InstanceId != null).OrderBy(c => c.Id).FirstAsync();
            SampleCases[kind] = new JsonObject { ["id"] = record.Id, ["instanceId"] = record.InstanceId };
        }
        ArbitrationInstance = SampleCases["arbitration"]["instanceId"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Every API endpoint for every role (and no login): the answer the rules of docs/domain/roles.md §1–§2 give.</summary>
public sealed class AuthorizationMatrixTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    public static TheoryData<string> Roles() => new([.. PortalRoles.All]);

    static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task AdministrativeEndpoints_AnswerOnlyTheAdministrator(string role)
    {
        var client = await portal.Factory.ClientAsync(role);
        var expected = role == PortalRoles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        // The auditor reads definitions, versions and instances; every change below stays refused.
        var reading = role is PortalRoles.Admin or PortalRoles.Auditor ? HttpStatusCode.OK : HttpStatusCode.Forbidden;

        Assert.Equal(reading, (await client.GetAsync("/api/workflow-definitions")).StatusCode);
        Assert.Equal(reading, (await client.GetAsync("/api/workflow-definitions/arbitration-case")).StatusCode);
        Assert.Equal(reading, (await client.GetAsync("/api/workflow-definitions/arbitration-case/versions")).StatusCode);
        Assert.Equal(reading, (await client.GetAsync("/api/workflow-instances")).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            (await client.PostAsJsonAsync("/api/workflow-definitions/general-approval/execute", new { input = new { Subject = "审计只读" } })).StatusCode);
        Assert.Equal(expected, (await client.PostAsJsonAsync("/api/events/Nothing/trigger", new { })).StatusCode);
        Assert.Equal(expected, (await client.GetAsync("/api/dev/clock")).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.Created : HttpStatusCode.Forbidden,
            (await client.PostAsync("/api/workflow-definitions/import", Json(new JsonObject { ["definitionId"] = $"matrix-{role}", ["root"] = new JsonObject { ["id"] = "r", ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray() } }.ToJsonString()))).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
            (await client.PostAsync("/api/workflow-definitions/nobody/publish", null)).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
            (await client.PostAsync("/api/workflow-instances/nobody/cancel", null)).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
            (await client.PostAsync("/api/workflow-instances/nobody/activities/x/retry", null)).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
            (await client.PostAsJsonAsync("/api/workflow-instances/nobody/migrate", new { targetVersion = 2 })).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
            (await client.PostAsJsonAsync("/api/workflow-definitions/nobody/migrate", new { fromVersion = 1, targetVersion = 2 })).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
            (await client.PostAsync("/api/workflow-definitions/nobody/versions/1/revert", null)).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
            (await client.PostAsJsonAsync("/api/workflow-definitions/nobody/duplicate", new { })).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
            (await client.DeleteAsync("/api/workflow-definitions/nobody/draft")).StatusCode);
    }

    [Fact]
    public async Task EveryProtectedEndpoint_WithoutLogin_Answers401()
    {
        var client = await portal.Factory.ClientAsync();
        string[] gets = ["/api/workflow-definitions", "/api/workflow-instances", $"/api/workflow-instances/{portal.ArbitrationInstance}", "/api/tasks", "/api/cases",
            $"/api/cases/{portal.SampleCases["arbitration"]["id"]}", "/api/notifications", "/api/dev/clock"];
        foreach (var path in gets)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/tasks/x/complete", new { outcome = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/workflow-instances/x/activities/y/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/workflow-instances/x/migrate", new { targetVersion = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/workflow-definitions/x/migrate", new { fromVersion = 1, targetVersion = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync("/api/workflow-definitions/x/draft")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync($"/api/cases/{portal.SampleCases["arbitration"]["id"]}/notes", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/verify/unknown-number")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/calendar/due?from=2026-01-01&amount=1&unit=days")).StatusCode);
    }

    /// <summary>Which kinds each role sees in full; everyone else sees only cases they are a party to or hold a relation in.</summary>
    static readonly Dictionary<string, string[]> FullKinds = new()
    {
        ["secretary"] = ["arbitration"], ["director"] = ["arbitration"],
        ["notary"] = ["notary"], ["notary-assistant"] = ["notary"], ["notary-head"] = ["notary"],
        ["legalaid-officer"] = ["legal-aid"], ["legalaid-head"] = ["legal-aid"], ["credit-officer"] = ["commitment"],
        // Arbitration is private (Arbitration Law Art. 40): the supervisor gets its figures, not its files; the administrator
        // and the auditor run and audit the engine and read no case file.
        ["supervisor"] = ["notary", "legal-aid", "commitment"],
    };

    [Theory]
    [InlineData("supervisor", "arbitration", false)]
    [InlineData("supervisor", "notary", true)]
    [InlineData("supervisor", "legal-aid", true)]
    [InlineData("admin", "arbitration", false)]
    [InlineData("admin", "notary", false)]
    [InlineData("auditor", "arbitration", false)]
    [InlineData("auditor", "legal-aid", false)]
    public async Task CaseFile_IsOpenOnlyToTheRolesTheLawGivesIt(string role, string kind, bool open)
    {
        var client = await portal.Factory.ClientAsync(role);
        var id = portal.SampleCases[kind]["id"]!.GetValue<string>();

        var file = await client.GetAsync($"/api/cases/{id}");

        Assert.Equal(open ? HttpStatusCode.OK : HttpStatusCode.Forbidden, file.StatusCode);
    }

    [Fact]
    public async Task SupervisorsFigures_CountArbitration_WithoutItsFiles()
    {
        var figures = await portal.Factory.Services.GetRequiredService<Justice.Casework.Cases.CaseQueries>()
            .StatisticsAsync(new Justice.Casework.Cases.CaseViewer("supervisor@demo.justice.local", ["supervisor"]));

        Assert.Contains(figures.OpenByStage, s => s.Kind == "arbitration" && s.Count > 0);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task CaseList_ShowsEachRoleOnlyWhatItMaySee(string role)
    {
        var client = await portal.Factory.ClientAsync(role);
        var email = $"{role}@demo.justice.local";
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();

        foreach (var kind in new[] { "arbitration", "notary", "legal-aid", "commitment" })
        {
            var body = await client.GetFromJsonAsync<JsonObject>($"/api/cases?kind={kind}&pageSize=200");
            var ids = body!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
            var all = await db.Cases.Where(c => c.Kind == kind).Select(c => c.Id).ToListAsync();
            if (FullKinds.GetValueOrDefault(role, []).Contains(kind))
            {
                Assert.Equal(all.Count, body["totalCount"]!.GetValue<int>());
                continue;
            }
            var related = await db.Cases.Where(c => c.Kind == kind && (db.CaseMembers.Any(m => m.CaseId == c.Id && m.Active && m.UserEmail == email)
                || db.CaseParties.Any(p => p.CaseId == c.Id && (p.UserEmail == email || p.AgentEmail == email)))).Select(c => c.Id).ToListAsync();
            if (role is "notary" or "notary-assistant" or "notary-head" or "legalaid-officer" or "legalaid-head" && kind == "commitment")
            {
                Assert.Superset(related.ToHashSet(), ids.ToHashSet());
                continue;
            }
            Assert.Equal(related.Order(), ids.Order());
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task CaseFile_AndItsInstance_AreReadableExactlyByThoseWhoMaySeeTheCase(string role)
    {
        var client = await portal.Factory.ClientAsync(role);
        foreach (var (kind, sample) in portal.SampleCases)
        {
            var id = sample["id"]!.GetValue<string>();
            var list = await client.GetFromJsonAsync<JsonObject>($"/api/cases?kind={kind}&pageSize=200");
            var listed = list!["items"]!.AsArray().Any(i => i!["id"]!.GetValue<string>() == id);

            var file = await client.GetAsync($"/api/cases/{id}");
            var instance = await client.GetAsync($"/api/workflow-instances/{sample["instanceId"]}");

            Assert.Equal(listed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, file.StatusCode);
            // The administrator and the auditor run and audit the engine: they read every instance, not the case files.
            var readsInstances = CaseAccess.InstanceReaders.Contains(role);
            Assert.Equal(listed || readsInstances ? HttpStatusCode.OK : HttpStatusCode.Forbidden, instance.StatusCode);
            // Staff read the instance in full; a party reads the redacted view (stages, dates, documents).
            if (instance.StatusCode == HttpStatusCode.OK)
                Assert.Equal(role == PortalRoles.Applicant, (await instance.Content.ReadFromJsonAsync<JsonObject>())!["journal"] is null);
        }
    }

    [Fact]
    public async Task Party_ReadsItsInstancesRedacted_WithoutInputVariablesJournalFormDataOrEmails()
    {
        const string email = "applicant@demo.justice.local";
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var caseIds = await db.Cases.Where(c => db.CaseParties.Any(p => p.CaseId == c.Id && (p.UserEmail == email || p.AgentEmail == email))).Select(c => c.Id).ToListAsync();
        var instances = await db.Instances.AsNoTracking().Where(i => i.CorrelationId != null && caseIds.Contains(i.CorrelationId)).ToListAsync();
        Assert.Contains(instances, i => i.DefinitionId == "notary-application");
        var party = await portal.Factory.ClientAsync("applicant");

        foreach (var instance in instances)
        {
            var response = await party.GetAsync($"/api/workflow-instances/{instance.Id}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var raw = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("@", raw);
            Assert.DoesNotContain("Seed", raw, StringComparison.OrdinalIgnoreCase);
            var body = JsonNode.Parse(raw)!.AsObject();
            foreach (var key in new[] { "input", "variables", "output", "journal", "bookmarks", "incidents", "activities" })
                Assert.False(body.ContainsKey(key), $"{instance.DefinitionId}: {key}");
            Assert.Equal(instance.CorrelationId, body["correlationId"]!.GetValue<string>());
            Assert.NotNull(body["stages"]);
            Assert.NotNull(body["documents"]);
        }
    }

    [Fact]
    public async Task Verifier_OpensEveryCaseDrawnForThem_AndItsInstances()
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var drawn = await db.HumanTasks.AsNoTracking().Where(t => t.ActivityId == "verify" && t.Assignee != null && t.CaseId != null).ToListAsync();
        Assert.NotEmpty(drawn);

        foreach (var task in drawn)
        {
            var verifier = await portal.Factory.ClientForEmailAsync(task.Assignee);

            Assert.Equal(HttpStatusCode.OK, (await verifier.GetAsync($"/api/cases/{task.CaseId}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await verifier.GetAsync($"/api/workflow-instances/{task.InstanceId}")).StatusCode);
            var list = await verifier.GetFromJsonAsync<JsonObject>("/api/cases?kind=commitment&pageSize=200");
            Assert.Contains(list!["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == task.CaseId);
        }
    }

    [Fact]
    public async Task Applicant_SeesOnlyOwnCases_WithOtherPeoplesIdNumbersMasked()
    {
        var client = await portal.Factory.ClientAsync("applicant");

        var list = await client.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=200");

        var items = list!["items"]!.AsArray();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var file = await client.GetFromJsonAsync<JsonObject>($"/api/cases/{item!["id"]}");
            var parties = file!["parties"]!.AsArray();
            Assert.All(parties.Where(p => p!["name"]!.GetValue<string>() != "x" && p["idNumber"] is not null && p["side"]!.GetValue<string>() == "respondent"),
                p => Assert.Contains("*", p!["idNumber"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Auditor_ReadsInstancesAndTheAuditLog_NotCaseFiles_AndChangesNothing()
    {
        var client = await portal.Factory.ClientAsync("auditor");
        var id = portal.SampleCases["arbitration"]["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/workflow-instances/{portal.SampleCases["arbitration"]["instanceId"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "审计意见" })).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonObject>("/api/tasks"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task Secretary_AddsANoteThatAppearsOnTheTimeline()
    {
        var client = await portal.Factory.ClientAsync("secretary");
        var id = portal.SampleCases["arbitration"]["id"]!.GetValue<string>();

        var response = await client.PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "已电话联系被申请人，确认送达地址。" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var file = await client.GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Contains(file!["timeline"]!.AsArray(), e => e!["title"]!.GetValue<string>() == "已电话联系被申请人，确认送达地址。" && e["kind"]!.GetValue<string>() == "note");
    }

    [Fact]
    public async Task RecusedArbitrator_LosesAccessToTheCaseAndItsInstance()
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        // A case whose tribunal is formed and whose secretary now chooses the next step.
        var hub = await db.HumanTasks.AsNoTracking().Where(t => t.ActivityId == "hub" && t.Status == "Open").OrderBy(t => t.Id).FirstAsync();
        var caseId = hub.CaseId!;
        var members = await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == caseId && m.Active).ToListAsync();
        var arbitrator = members.First(m => m.Relation == "arbitrator").UserEmail;
        var secretary = members.First(m => m.Relation == "secretary").UserEmail;
        var before = await portal.Factory.ClientForEmailAsync(arbitrator);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync($"/api/cases/{caseId}")).StatusCode);

        var asSecretary = await portal.Factory.ClientForEmailAsync(secretary);
        Assert.Equal(HttpStatusCode.OK, (await asSecretary.PostAsJsonAsync($"/api/tasks/{hub.Id}/complete", new { outcome = "回避申请" })).StatusCode);
        var decision = await db.HumanTasks.AsNoTracking().SingleAsync(t => t.CaseId == caseId && t.ActivityId == "challengeDecision" && t.Status == "Open");
        var director = await portal.Factory.ClientAsync("director");
        var decided = await director.PostAsJsonAsync($"/api/tasks/{decision.Id}/complete", new
        {
            outcome = "准许回避",
            data = new { arbitrator, arbitratorName = "原仲裁员", applicant = "被申请人", grounds = "仲裁员曾为申请人提供法律服务", reasoning = "申请所述情形属实" },
        });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var after = await portal.Factory.ClientForEmailAsync(arbitrator);
        Assert.Equal(HttpStatusCode.Forbidden, (await after.GetAsync($"/api/cases/{caseId}")).StatusCode);
        var list = await after.GetFromJsonAsync<JsonObject>("/api/cases?kind=arbitration&pageSize=200");
        Assert.DoesNotContain(list!["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == caseId);
        var instance = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.InstanceId).SingleAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await after.GetAsync($"/api/workflow-instances/{instance}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task UserAdministrationAndAuditLog_AnswerOnlyTheirRoles(string role)
    {
        var client = await portal.Factory.ClientAsync(role);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(role == PortalRoles.Admin ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden,
            (await client.PostAsJsonAsync("/api/admin/users", new { email = "", password = "" })).StatusCode);
        Assert.Equal(role is PortalRoles.Admin or PortalRoles.Auditor ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task StaffNotes_AreNotShownToTheParties()
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var id = await db.Cases.Where(c => c.Kind == "arbitration" && db.CaseParties.Any(p => p.CaseId == c.Id && p.UserEmail == "applicant@demo.justice.local"))
            .Select(c => c.Id).FirstAsync();
        var secretary = await portal.Factory.ClientAsync("secretary");
        Assert.Equal(HttpStatusCode.Created, (await secretary.PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "内部：申请人情绪激动，开庭注意安保。" })).StatusCode);

        var party = await portal.Factory.ClientAsync("applicant");
        var file = await party.GetFromJsonAsync<JsonObject>($"/api/cases/{id}");

        Assert.NotEmpty(file!["timeline"]!.AsArray());
        Assert.DoesNotContain(file["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "note");
        Assert.Equal(HttpStatusCode.Forbidden, (await party.PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "我也想备注" })).StatusCode);
    }

    [Fact]
    public async Task PublicVerification_TellsValidRevokedAndUnknown_WithoutPersonalData()
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var certificates = await db.CaseDocuments.Where(d => d.Template == "notary/certificate").ToListAsync();
        var cases = await db.Cases.Where(c => c.Kind == "notary").ToDictionaryAsync(c => c.Id);
        var revoked = certificates.First(d => cases[d.CaseId].FieldsJson.Contains("\"revoked\":true"));
        var valid = certificates.OrderBy(d => d.Id, StringComparer.Ordinal).First(d => !new[] { "\"revoked\":true", "\"partiallyRevoked\":true", "\"corrected\":true" }.Any(cases[d.CaseId].FieldsJson.Contains));
        var client = await portal.Factory.ClientAsync();

        var ok = await client.GetFromJsonAsync<JsonObject>($"/api/verify/{Uri.EscapeDataString(valid.Number!)}");
        var gone = await client.GetFromJsonAsync<JsonObject>($"/api/verify/{Uri.EscapeDataString(revoked.Number!)}");
        var byQr = await client.GetFromJsonAsync<JsonObject>($"/api/verify/{valid.Id}");
        var none = await client.GetFromJsonAsync<JsonObject>("/api/verify/（2026）湘衡示证字第9999号");

        Assert.Equal(("valid", "revoked", "valid", "unknown"), (ok!["status"]!.GetValue<string>(), gone!["status"]!.GetValue<string>(), byQr!["status"]!.GetValue<string>(), none!["status"]!.GetValue<string>()));
        Assert.Equal(valid.Number, byQr["number"]!.GetValue<string>());
        Assert.DoesNotContain("4304", ok.ToJsonString());
    }
}
