using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Workflows.Runtime.Model;

namespace Justice.Portal.Tests.Features.Definitions;

public sealed class WorkflowDefinitionsApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    static string EventFlow(string definitionId, string text = "hello") => $$"""
        {
          "definitionId": "{{definitionId}}", "name": "事件流程",
          "root": { "id": "root", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "say", "type": "Elsa.WriteLine", "version": 1, "text": "{{text}}" },
              { "id": "signed", "type": "Elsa.Event", "version": 1, "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "ApplicantSigned" } } },
              { "id": "end", "type": "Elsa.End", "version": 1 }
            ],
            "connections": [
              { "source": "start", "sourcePort": "Done", "target": "say", "targetPort": "In" },
              { "source": { "activity": "say", "port": "Done" }, "target": { "activity": "signed", "port": "In" } },
              { "source": { "activity": "signed", "port": "Done" }, "target": { "activity": "end", "port": "In" } }
            ] }
        }
        """;

    static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a b")]
    [InlineData("..")]
    [InlineData("<script>")]
    public async Task Import_WithAnIdThatIsNotAName_Returns400_AndSavesNothing(string definitionId)
    {
        var client = await factory.ClientAsync("admin");

        var response = await client.PostAsync("/api/workflow-definitions/import", Json(EventFlow(definitionId.Replace("\"", "\\\""))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("流程定义 id", body["detail"]!.GetValue<string>());
        Assert.Equal("invalid-definition-id", body["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_WithAnIdOver100Characters_Returns400_AndAnAddressWithABadId_Too()
    {
        var client = await factory.ClientAsync("admin");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/workflow-definitions/import", Json(EventFlow(new string('a', 101))))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/workflow-definitions/import", Json(EventFlow(new string('a', 100))))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/workflow-definitions/..%2F..%2Fetc%2Fpasswd")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/workflow-definitions/{new string('a', 101)}/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/workflow-definitions/general-approval/duplicate", new { definitionId = "../x" })).StatusCode);
    }

    [Fact]
    public async Task Import_ValidDefinition_Returns201DraftWithoutErrors()
    {
        var client = await factory.ClientAsync("admin");

        var response = await client.PostAsync("/api/workflow-definitions/import", Json(EventFlow("api-draft")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("api-draft", body!["definitionId"]!.GetValue<string>());
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.False(body["isPublished"]!.GetValue<bool>());
        Assert.Empty(body["errors"]!.AsArray());
    }

    [Fact]
    public async Task Import_UnreadableBody_Returns400Problem()
    {
        var client = await factory.ClientAsync("admin");

        var response = await client.PostAsync("/api/workflow-definitions/import", Json("{ not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("unreadable-json", problem!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("   at ", problem.ToJsonString());
    }

    [Fact]
    public async Task ImportPublish_InvalidDefinition_Returns400WithEveryErrorAndKeepsDraft()
    {
        var client = await factory.ClientAsync("admin");
        var invalid = """
            { "definitionId": "api-invalid", "root": { "id": "root", "type": "Elsa.Flowchart", "activities": [
              { "id": "a", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Python", "value": "1" } } },
              { "id": "a", "type": "Acme.Unknown" } ],
              "connections": [ { "source": { "activity": "a", "port": "Done" }, "target": { "activity": "ghost", "port": "In" } } ] } }
            """;

        var response = await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(invalid));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var codes = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("unsupported-expression", codes);
        Assert.Contains("duplicate-id", codes);
        Assert.Contains("unknown-activity-type", codes);
        Assert.Contains("missing-target", codes);
        var versions = await client.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/api-invalid/versions");
        Assert.False(Assert.Single(versions!)!["isPublished"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ExecuteThenTrigger_RunsToSuspendThenFinishes()
    {
        var client = await factory.ClientAsync("admin");
        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(EventFlow("api-event")))).EnsureSuccessStatusCode();

        var started = await client.PostAsJsonAsync("/api/workflow-definitions/api-event/execute", new { correlationId = "C-1", input = new { amount = 5 } });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Running", instance["status"]!.GetValue<string>());
        Assert.Equal("Suspended", instance["subStatus"]!.GetValue<string>());
        Assert.Equal("ApplicantSigned", instance["bookmarks"]![0]!["payload"]!["eventName"]!.GetValue<string>());
        Assert.EndsWith("+08:00", instance["createdAt"]!.GetValue<string>());

        var trigger = await client.PostAsJsonAsync("/api/events/ApplicantSigned/trigger", new { correlationId = "C-1", input = new { signed = true } });
        var ids = (await trigger.Content.ReadFromJsonAsync<JsonObject>())!["workflowInstanceIds"]!.AsArray();
        Assert.Equal(instance["id"]!.GetValue<string>(), Assert.Single(ids)!.GetValue<string>());

        var finished = await client.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instance["id"]}");
        Assert.Equal("Finished", finished!["subStatus"]!.GetValue<string>());
        Assert.Contains(finished["journal"]!.AsArray(), j => j!["event"]!.GetValue<string>() == "Resumed");

        var again = await client.PostAsJsonAsync("/api/events/ApplicantSigned/trigger", new { correlationId = "C-1" });
        Assert.Empty((await again.Content.ReadFromJsonAsync<JsonObject>())!["workflowInstanceIds"]!.AsArray());
    }

    [Fact]
    public async Task Versions_PublishRetractAndNewDraft_FollowTheRules()
    {
        var client = await factory.ClientAsync("admin");
        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(EventFlow("api-versions", "v1")))).EnsureSuccessStatusCode();
        await client.PostAsJsonAsync("/api/workflow-definitions/api-versions/execute", new { });

        var draft = await client.PostAsync("/api/workflow-definitions/import", Json(EventFlow("api-versions", "v2")));
        Assert.Equal(2, (await draft.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var published = await client.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/api-versions?version=published");
        Assert.Equal(1, published!["version"]!.GetValue<int>());

        var publish = await client.PostAsync("/api/workflow-definitions/api-versions/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var versions = await client.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/api-versions/versions");
        Assert.Equal([false, true], versions!.Select(v => v!["isPublished"]!.GetValue<bool>()));
        Assert.Equal(1, versions![0]!["instanceCount"]!.GetValue<int>());

        var retract = await client.PostAsync("/api/workflow-definitions/api-versions/retract", null);
        Assert.Equal(HttpStatusCode.OK, retract.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/workflow-definitions/api-versions/execute", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/workflow-definitions/api-versions?version=abc")).StatusCode);
    }

    [Fact]
    public async Task Startup_ImportsAndPublishesShippedDefinitions()
    {
        var client = await factory.ClientAsync("admin");

        var list = await client.GetFromJsonAsync<JsonObject>("/api/workflow-definitions?pageSize=200");

        var shipped = list!["items"]!.AsArray().Single(i => i!["definitionId"]!.GetValue<string>() == "general-approval");
        Assert.True(shipped!["isPublished"]!.GetValue<bool>());
        Assert.Equal("通用审批", shipped["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_RunningInstance_CancelsThenConflictsWhenFinished()
    {
        var client = await factory.ClientAsync("admin");
        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(EventFlow("api-cancel")))).EnsureSuccessStatusCode();
        var instance = await (await client.PostAsJsonAsync("/api/workflow-definitions/api-cancel/execute", new { })).Content.ReadFromJsonAsync<JsonObject>();

        var cancel = await client.PostAsync($"/api/workflow-instances/{instance!["id"]}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await cancel.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Cancelled", cancelled!["subStatus"]!.GetValue<string>());
        Assert.Empty(cancelled["bookmarks"]!.AsArray());

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/workflow-instances/{instance["id"]}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Revert_CopiesAnOlderVersionIntoANewDraft_WhileRunningInstancesKeepTheirVersion()
    {
        var client = await factory.ClientAsync("admin");
        await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(EventFlow("api-revert", "first")));
        var running = await (await client.PostAsJsonAsync("/api/workflow-definitions/api-revert/execute", new { })).Content.ReadFromJsonAsync<JsonObject>();
        await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(EventFlow("api-revert", "second")));

        var response = await client.PostAsync("/api/workflow-definitions/api-revert/versions/1/revert", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(3, body!["version"]!.GetValue<int>());
        Assert.False(body["isPublished"]!.GetValue<bool>());
        var draft = await client.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/api-revert?version=3");
        Assert.Equal("first", draft!["root"]!["activities"]![1]!["text"]!.GetValue<string>());
        var published = await client.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/api-revert?version=published");
        Assert.Equal(2, published!["version"]!.GetValue<int>());
        var versions = await client.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/api-revert/versions");
        Assert.Equal([1, 0, 0], versions!.Select(v => v!["instanceCount"]!.GetValue<int>()));
        var instance = await client.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{running!["id"]}");
        Assert.Equal(1, instance!["definitionVersion"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/workflow-definitions/api-revert/versions/9/revert", null)).StatusCode);
    }

    [Fact]
    public async Task DeleteDraft_RemovesOnlyAnUnpublishedNeverRunLatestVersion()
    {
        var client = await factory.ClientAsync("admin");
        await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(EventFlow("api-delete", "v1")));

        var refused = await client.DeleteAsync("/api/workflow-definitions/api-delete/draft");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("已发布", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());

        await client.PostAsync("/api/workflow-definitions/import", Json(EventFlow("api-delete", "v2")));
        var deleted = await client.DeleteAsync("/api/workflow-definitions/api-delete/draft");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(2, (await deleted.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var latest = await client.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/api-delete");
        Assert.Equal(1, latest!["version"]!.GetValue<int>());
        Assert.True(latest["isLatest"]!.GetValue<bool>());
        Assert.True(latest["isPublished"]!.GetValue<bool>());

        // A draft that never got published disappears with its definition.
        await client.PostAsync("/api/workflow-definitions/import", Json(EventFlow("api-delete-only")));
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("/api/workflow-definitions/api-delete-only/draft")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/workflow-definitions/api-delete-only")).StatusCode);
    }

    [Fact]
    public async Task Duplicate_MakesANewDefinitionAtVersionOne_AndRefusesATakenId()
    {
        var client = await factory.ClientAsync("admin");
        await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(EventFlow("api-source")));

        var response = await client.PostAsJsonAsync("/api/workflow-definitions/api-source/duplicate", new { definitionId = "api-copy", name = "事件流程（试行）" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var copy = await client.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/api-copy");
        Assert.Equal(1, copy!["version"]!.GetValue<int>());
        Assert.Equal("事件流程（试行）", copy["name"]!.GetValue<string>());
        Assert.False(copy["isPublished"]!.GetValue<bool>());
        Assert.Equal(4, copy["root"]!["activities"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/workflow-definitions/api-source/duplicate", new { definitionId = "api-copy" })).StatusCode);
        var audit = await client.GetFromJsonAsync<JsonObject>("/api/audit?action=definition.duplicate");
        Assert.Contains(audit!["items"]!.AsArray(), e => e!["target"]!.GetValue<string>() == "api-source → api-copy");
    }

    [Fact]
    public async Task Retry_FaultedActivity_ContinuesTheInstance_409WhenNotFaulted()
    {
        var client = await factory.ClientAsync("admin");
        var parent = """
            {
              "definitionId": "api-retry-parent", "name": "重试",
              "root": { "id": "root", "type": "Elsa.Flowchart", "version": 1,
                "activities": [
                  { "id": "run", "type": "Elsa.ExecuteWorkflow", "version": 1, "workflowDefinitionId": "api-retry-child", "waitForCompletion": true },
                  { "id": "after", "type": "Elsa.WriteLine", "version": 1, "text": "after" }
                ],
                "connections": [ { "source": "run", "sourcePort": "Done", "target": "after", "targetPort": "In" } ] }
            }
            """;
        await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(parent));
        var faulted = await (await client.PostAsJsonAsync("/api/workflow-definitions/api-retry-parent/execute", new { })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Faulted", faulted!["subStatus"]!.GetValue<string>());
        var id = faulted["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/workflow-instances/{id}/activities/after/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/workflow-instances/{id}/activities/nothing/retry", null)).StatusCode);
        await client.PostAsync("/api/workflow-definitions/import?publish=true", Json(EventFlow("api-retry-child")));
        var response = await client.PostAsync($"/api/workflow-instances/{id}/activities/run/retry", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var retried = await response.Content.ReadFromJsonAsync<JsonObject>();
        // The child now runs and waits for its event; the parent waits for the child.
        Assert.Equal("Running", retried!["status"]!.GetValue<string>());
        Assert.Equal("Suspended", retried["subStatus"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/workflow-instances/{id}/activities/run/retry", null)).StatusCode);
        var audit = await client.GetFromJsonAsync<JsonObject>("/api/audit?action=instance.retry");
        Assert.Contains(audit!["items"]!.AsArray(), e => e!["target"]!.GetValue<string>().Contains(id));
        var started = await client.GetFromJsonAsync<JsonObject>("/api/audit?action=instance.start");
        Assert.Contains(started!["items"]!.AsArray(), e => e!["target"]!.GetValue<string>() == $"api-retry-parent {id}");
    }
}
