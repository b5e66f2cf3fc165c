using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Justice.Portal.Tests.Features.Instances;

/// <summary>Migrating instances to another version through the API: one instance, or every unfinished one of a version; audited.</summary>
public sealed class InstanceMigrationApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Writes <paramref name="text"/> after the hearing (the event HearingHeld); without the hearing it only writes.</summary>
    static string Hearing(string definitionId, string text, bool withHearing = true) => $$"""
        {
          "definitionId": "{{definitionId}}", "name": "仲裁迁移",
          "variables": [ { "id": "casenumber-id", "name": "CaseNumber", "typeName": "String", "value": "衡仲字第7号" } ],
          "root": { "id": "root", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              {{(withHearing ? """{ "id": "hearing", "name": "仲裁庭审理", "type": "Elsa.Event", "version": 1, "eventName": "HearingHeld" },""" : "")}}
              { "id": "say", "type": "Elsa.WriteLine", "version": 1, "text": "{{text}}" }
            ],
            "connections": [
              {{(withHearing
                  ? """{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "hearing", "port": "In" } }, { "source": { "activity": "hearing", "port": "Done" }, "target": { "activity": "say", "port": "In" } }"""
                  : """{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "say", "port": "In" } }""")}}
            ] }
        }
        """;

    static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    async Task<(HttpClient Client, string InstanceId)> StartOnVersion1Async(string definitionId, string correlationId)
    {
        var client = await factory.ClientAsync("admin");
        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(Hearing(definitionId, "v1 says")))).EnsureSuccessStatusCode();
        var started = await client.PostAsJsonAsync($"/api/workflow-definitions/{definitionId}/execute", new { correlationId });
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Suspended", instance["subStatus"]!.GetValue<string>());
        return (client, instance["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Migrate_MovesTheInstance_TheNextTriggerRunsTheTargetVersion_AndTheAuditSaysWhoFromAndTo()
    {
        var (client, instanceId) = await StartOnVersion1Async("api-migrate", "M-1");
        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(Hearing("api-migrate", "v2 says")))).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/migrate", new { targetVersion = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, moved["definitionVersion"]!.GetValue<int>());
        Assert.Equal("Suspended", moved["subStatus"]!.GetValue<string>());
        var entry = moved["journal"]!.AsArray().Last()!;
        Assert.Equal("Migrated", entry["event"]!.GetValue<string>());
        Assert.Equal(1, entry["data"]!["fromVersion"]!.GetValue<int>());
        Assert.Equal(2, entry["data"]!["toVersion"]!.GetValue<int>());

        await client.PostAsJsonAsync("/api/events/HearingHeld/trigger", new { correlationId = "M-1" });
        var finished = await client.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Finished", finished!["subStatus"]!.GetValue<string>());
        Assert.Contains(finished["journal"]!.AsArray(), j => j!["data"]?["text"]?.GetValue<string>() == "v2 says");

        var audit = await client.GetFromJsonAsync<JsonObject>("/api/audit?action=instance.migrate");
        var item = audit!["items"]!.AsArray().Single(i => i!["target"]!.GetValue<string>() == $"api-migrate {instanceId}")!;
        Assert.Equal("版本 1 → 2", item["details"]!.GetValue<string>());
        Assert.Equal("admin@demo.justice.local", item["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Migrate_WhenTheWaitingActivityIsNotInTheTarget_Answers409_NamingItInChinese_AndLeavesTheInstance()
    {
        var (client, instanceId) = await StartOnVersion1Async("api-migrate-refused", "M-2");
        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(Hearing("api-migrate-refused", "v2 says", withHearing: false)))).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/migrate", new { targetVersion = 2 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal("missing-activity", error["code"]!.GetValue<string>());
        Assert.Equal("hearing", error["activityId"]!.GetValue<string>());
        Assert.Equal("目标版本 2 中没有正在等待的活动“仲裁庭审理”（hearing）。", error["message"]!.GetValue<string>());
        Assert.Contains("不能从版本 1 迁移到版本 2", problem["detail"]!.GetValue<string>());
        var instance = await client.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        Assert.Equal(1, instance!["definitionVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Migrate_ToAMissingVersion_OrWithoutOne_Answers400_AnUnknownInstance404_AndOnlyAdministratorsMayMigrate()
    {
        var (client, instanceId) = await StartOnVersion1Async("api-migrate-bad", "M-3");

        var missing = await client.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/migrate", new { targetVersion = 7 });
        var without = await client.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/migrate", new { });
        var unknown = await client.PostAsJsonAsync("/api/workflow-instances/no-such-instance/migrate", new { targetVersion = 2 });
        var auditor = await (await factory.ClientAsync("auditor")).PostAsJsonAsync($"/api/workflow-instances/{instanceId}/migrate", new { targetVersion = 2 });
        var secretary = await (await factory.ClientAsync("secretary")).PostAsJsonAsync("/api/workflow-definitions/api-migrate-bad/migrate", new { fromVersion = 1, targetVersion = 2 });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var error = (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!;
        Assert.Equal(("unknown-version", "流程“api-migrate-bad”没有版本 7。"), (error["code"]!.GetValue<string>(), error["message"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal("$.targetVersion", (await without.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, auditor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, secretary.StatusCode);
    }

    [Fact]
    public async Task MigrateAll_MovesTheUnfinishedInstancesOfAVersion_AndAnswersEachResult()
    {
        var (client, waiting) = await StartOnVersion1Async("api-migrate-all", "A-1");
        var second = (await (await client.PostAsJsonAsync("/api/workflow-definitions/api-migrate-all/execute", new { correlationId = "A-2" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(Hearing("api-migrate-all", "v2 says")))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(Hearing("api-migrate-all", "v3 says", withHearing: false)))).EnsureSuccessStatusCode();

        var toTwo = await client.PostAsJsonAsync("/api/workflow-definitions/api-migrate-all/migrate", new { fromVersion = 1, targetVersion = 2 });
        var toThree = await client.PostAsJsonAsync("/api/workflow-definitions/api-migrate-all/migrate", new { fromVersion = 2, targetVersion = 3 });
        var noSuchVersion = await client.PostAsJsonAsync("/api/workflow-definitions/api-migrate-all/migrate", new { fromVersion = 2, targetVersion = 9 });
        var noSuchDefinition = await client.PostAsJsonAsync("/api/workflow-definitions/api-nothing-here/migrate", new { fromVersion = 1, targetVersion = 2 });

        Assert.Equal(HttpStatusCode.OK, toTwo.StatusCode);
        var migrated = (await toTwo.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((2, 0), (migrated["migrated"]!.GetValue<int>(), migrated["refused"]!.GetValue<int>()));
        Assert.Equal([waiting, second], migrated["results"]!.AsArray().Select(r => r!["workflowInstanceId"]!.GetValue<string>()));
        Assert.All(migrated["results"]!.AsArray(), r => Assert.True(r!["isSuccessful"]!.GetValue<bool>()));

        Assert.Equal(HttpStatusCode.OK, toThree.StatusCode);
        var refused = (await toThree.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((0, 2), (refused["migrated"]!.GetValue<int>(), refused["refused"]!.GetValue<int>()));
        Assert.All(refused["results"]!.AsArray(), r => Assert.Equal("目标版本 3 中没有正在等待的活动“仲裁庭审理”（hearing）。",
            r!["errors"]![0]!["message"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.BadRequest, noSuchVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSuchDefinition.StatusCode);
        var versions = await client.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/api-migrate-all/versions");
        Assert.Equal([0, 2, 0], versions!.Select(v => v!["instanceCount"]!.GetValue<int>()));
        var audit = await client.GetFromJsonAsync<JsonObject>("/api/audit?action=instance.migrate-all");
        Assert.Contains(audit!["items"]!.AsArray(), i => i!["target"]!.GetValue<string>() == "api-migrate-all v1 → v2"
            && i["details"]!.GetValue<string>() == "已迁移 2 个，未迁移 0 个");
    }
}
