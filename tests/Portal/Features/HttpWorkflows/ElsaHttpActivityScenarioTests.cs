using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Portal.Tests.Features.Designer;

namespace Justice.Portal.Tests.Features.HttpWorkflows;

/// <summary>
/// Elsa's component scenarios where an HTTP request starts a workflow that uses other workflows as activities:
/// CachingAndWorkflowDefinitionActivity (many requests while a provider is published again: no fault) and
/// WorkflowActivities' AutoUpdateTests (a provider published with autoUpdateConsumingWorkflows: the next request runs
/// the updated consumer). Elsa asserts on its caches; here the same promise is checked on what the requests run.
/// </summary>
public sealed class ElsaHttpActivityScenarioTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    static string Fixture(string path) =>
        File.ReadAllText(Path.Combine(DesignerModelTests.Repository, "tests", "Workflows", "Fixtures", "Elsa3", path));

    async Task PublishAsync(HttpClient admin, string path)
    {
        var response = await admin.PostAsync("/api/workflow-definitions/import?publish=true", new StringContent(Fixture(path), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, path + ": " + await response.Content.ReadAsStringAsync());
    }

    async Task<JsonArray> InstancesAsync(HttpClient admin, string definitionId, string? subStatus = null) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances?definitionId={definitionId}&pageSize=100{(subStatus is null ? "" : $"&subStatus={subStatus}")}"))!["items"]!.AsArray();

    [Fact]
    public async Task ManyRequestsToTheParent_WhileItsGrandChildIsPublishedAgain_AllFinish_NoneFaults()
    {
        var admin = await factory.ClientAsync("admin");
        await PublishAsync(admin, "CachingAndWorkflowDefinitionActivity/workflow-definition-grand-child.json");
        await PublishAsync(admin, "CachingAndWorkflowDefinitionActivity/workflow-definition-child.json");
        await PublishAsync(admin, "CachingAndWorkflowDefinitionActivity/workflow-definition-parent.json");
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };

        var requests = Enumerable.Range(0, 40).Select(async i =>
        {
            var response = await client.PostAsync("/workflows/parent", new StringContent("{}", Encoding.UTF8, "application/json"));
            if (i % 10 == 0)
                await PublishAsync(await factory.ClientAsync("admin"), "CachingAndWorkflowDefinitionActivity/workflow-definition-grand-child.json");
            return response.StatusCode;
        }).ToList();
        var statuses = await Task.WhenAll(requests);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(40, (await InstancesAsync(admin, "189be5173f90b1f6", "Finished")).Count);
        Assert.Empty(await InstancesAsync(admin, "189be5173f90b1f6", "Faulted"));
    }

    [Fact]
    public async Task AProviderPublishedWithAutoUpdate_TheNextRequestRunsTheUpdatedConsumer()
    {
        var admin = await factory.ClientAsync("admin");
        await PublishAsync(admin, "WorkflowActivities/CacheInvalidation_Child.json");
        await PublishAsync(admin, "WorkflowActivities/CacheInvalidation_Parent.json");
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workflows/test-cache-invalidation")).StatusCode);

        await PublishAsync(admin, "WorkflowActivities/CacheInvalidation_Childv2.json");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workflows/test-cache-invalidation")).StatusCode);

        var parent = (await admin.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/878770f04439a55d?version=published"))!;
        Assert.Equal(2, parent["version"]!.GetValue<int>());
        var uses = parent["root"]!["activities"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "CacheInvalidationChild")!;
        Assert.Equal("3da9c310a071ac7b", uses["workflowDefinitionVersionId"]!.GetValue<string>());
        var runs = await InstancesAsync(admin, "878770f04439a55d", "Finished");
        Assert.Equal([1, 2], runs.Select(r => r!["definitionVersion"]!.GetValue<int>()).Order());
    }
}
