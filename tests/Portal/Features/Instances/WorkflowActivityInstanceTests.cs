using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Portal.Features.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Instances;

/// <summary>Elsa's WorkflowDefinitionActivities definitions through the definitions API, and the inner path the instance viewer shows.</summary>
public sealed class WorkflowActivityInstanceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    static StringContent Fixture(string file) => new(File.ReadAllText(Path.Combine(Features.Designer.DesignerModelTests.Repository,
        "tests", "Workflows", "Fixtures", "Elsa3", "WorkflowDefinitionActivities", file)), Encoding.UTF8, "application/json");

    [Fact]
    public async Task ConsumerBeforeProvider_IsRefusedNamingIt_ThenRuns_AndTheViewerListsTheChildsPath()
    {
        var client = await factory.ClientAsync("admin");

        var refused = await client.PostAsync("/api/workflow-definitions/import?publish=true", Fixture("parent-with-input.json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == "unknown-activity-type")!;
        Assert.Contains("ChildWithInput", error["message"]!.GetValue<string>());

        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Fixture("child-with-input.json"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/workflow-definitions/import?publish=true", Fixture("parent-with-input.json"))).EnsureSuccessStatusCode();
        var started = await (await client.PostAsJsonAsync("/api/workflow-definitions/parent-with-input/execute", new { })).Content.ReadFromJsonAsync<JsonObject>();

        var instances = factory.Services.GetRequiredService<InstanceService>();
        var (instance, _, _, journal) = (await instances.DiagramAsync(started!["id"]!.GetValue<string>()))!.Value;
        Assert.Equal("Finished", instance.SubStatus);
        var child = Assert.Single(await instances.ChildPathsAsync(journal));
        Assert.Equal("ChildActivity1", child.ActivityId);
        Assert.Equal("d0ae88e4c15eacc0", child.Version.DefinitionId);
        var line = child.Journal.Single(j => j.ActivityType == "Elsa.WriteLine" && j.Event == "Completed");
        Assert.Equal("Hello from parent!", JsonNode.Parse(line.DataJson)!["text"]!.GetValue<string>());
        Assert.Equal("WriteLine1", child.Names[line.ActivityId]);
    }
}
