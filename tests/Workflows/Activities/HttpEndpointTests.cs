using System.Text.Json.Nodes;
using Justice.Workflows.Activities.Http;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Activities;

/// <summary>Elsa.HttpEndpoint and Elsa.WriteHttpResponse in the engine: triggers, bookmarks, the route table and the answer.</summary>
public sealed class HttpEndpointTests : EngineTest
{
    HttpRouteTable Routes => Host.Services.GetRequiredService<HttpRouteTable>();

    static Task<string> FixtureAsync(string path) => File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", path));

    static JsonObject Endpoint(string id, string path, bool canStart, params (string Key, JsonNode? Value)[] more)
    {
        var endpoint = Activity(id, "Elsa.HttpEndpoint", [("path", Literal(path, "String")), ("supportedMethods", Literal("[\"GET\"]", "String[]")), .. more]);
        endpoint["customProperties"] = new JsonObject { ["canStartWorkflow"] = canStart };
        return endpoint;
    }

    static JsonObject Output(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    static JsonObject Request(string path, string method = "GET", JsonObject? routeData = null, JsonObject? query = null, JsonNode? body = null) => new()
    {
        ["path"] = path, ["method"] = method, ["routeData"] = routeData ?? [], ["query"] = query ?? [], ["headers"] = new JsonObject(), ["body"] = body,
    };

    async Task<(WorkflowInstanceRecord Instance, HttpResponseSlot Slot)> StartAsync(HttpTriggerMatch match, JsonObject request, string? correlationId = null)
    {
        var slot = new HttpResponseSlot();
        var instance = await Host.Runtime.StartAsync(match.DefinitionId, correlationId, new WorkflowTrigger(match.Route.ActivityId, request),
            new Dictionary<string, object> { [HttpResponseSlot.Key] = slot });
        return (instance!, slot);
    }

    [Fact]
    public async Task HelloWorldFixture_StartedByItsEndpoint_AnswersHelloWorld()
    {
        var result = await Host.Definitions.ImportAsync(await FixtureAsync("HttpWorkflows/http-hello-world.json"), publish: true);
        Assert.Empty(result.Errors);

        var match = Assert.Single(await Routes.FindTriggersAsync("hello-world", "GET"));
        Assert.Empty(await Routes.FindTriggersAsync("hello-world", "POST"));
        Assert.Empty(await Routes.FindTriggersAsync("hello-world/more", "GET"));
        var (instance, slot) = await StartAsync(match, Request("hello-world"));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.True(slot.Written);
        Assert.Equal(200, slot.StatusCode);
        Assert.Equal("Hello World!", slot.Content);
        Assert.Equal("text/plain", slot.ContentType);
    }

    [Fact]
    public async Task RouteParameters_AreMatched_AndHandedToTheEndpointsRouteDataOutput()
    {
        var definition = Definition("route-data",
            [Endpoint("orders", "orders/{id}", true, ("routeData", Output("RouteData"))),
             Activity("answer", "Elsa.WriteHttpResponse", ("content", Js("getVariable('RouteData').id", "String")), ("contentType", Literal("text/plain", "String")))],
            [("orders", "Done", "answer")], variables: [Variable("RouteData", "Object")]);
        await Host.PublishAsync(definition);

        var match = Assert.Single(await Routes.FindTriggersAsync("orders/42", "GET"));
        Assert.Equal("42", match.RouteValues["id"]);
        var (_, slot) = await StartAsync(match, Request("orders/42", routeData: new JsonObject { ["id"] = "42" }));

        Assert.Equal("42", slot.Content);
    }

    [Theory]
    [InlineData("workflowInstanceId")]
    [InlineData("correlationId")]
    public async Task ResumeEndpoint_ResumesOnlyTheNamedInstance(string identifierKey)
    {
        var definition = Definition("simple-http-api",
            [Endpoint("start", "simple-http-api/start", true), Endpoint("resume", "simple-http-api/resume", false)],
            [("start", "Done", "resume")]);
        await Host.PublishAsync(definition);
        var trigger = Assert.Single(await Routes.FindTriggersAsync("simple-http-api/start", "GET"));
        var instances = new List<WorkflowInstanceRecord>();
        for (var i = 1; i <= 3; i++)
            instances.Add((await StartAsync(trigger, Request("simple-http-api/start"), $"C-{i}")).Instance);
        Assert.All(instances, i => Assert.Equal(WorkflowSubStatus.Suspended, i.SubStatus));
        Assert.Empty(await Routes.FindTriggersAsync("simple-http-api/resume", "GET"));
        Assert.Equal(3, (await Routes.FindBookmarksAsync("simple-http-api/resume", "GET", null, null)).Count);

        var second = instances[1];
        var bookmarks = identifierKey == "workflowInstanceId"
            ? await Routes.FindBookmarksAsync("simple-http-api/resume", "GET", second.Id, null)
            : await Routes.FindBookmarksAsync("simple-http-api/resume", "GET", null, second.CorrelationId);
        var bookmark = Assert.Single(bookmarks);
        Assert.Equal(second.Id, bookmark.InstanceId);
        var resumed = await Host.Runtime.ResumeWithItemsAsync(bookmark.BookmarkId, Request("simple-http-api/resume", query: new JsonObject { [identifierKey] = "x" }),
            new Dictionary<string, object> { [HttpResponseSlot.Key] = new HttpResponseSlot() });

        Assert.Equal(WorkflowSubStatus.Finished, resumed!.SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, (await Host.Instances.FindAsync(instances[0].Id))!.SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, (await Host.Instances.FindAsync(instances[2].Id))!.SubStatus);
        Assert.Equal("x", (await Host.Instances.FindAsync(second.Id)) is { } row
            ? WorkflowState.Deserialize(row.StateJson).Activities["resume"].Outputs!["queryStringData"]![identifierKey]!.GetValue<string>() : null);
    }

    [Fact]
    public async Task ImportAndPublishFixture_Publishes_AndASecondDefinitionWithTheSamePathAndMethod_IsRefused()
    {
        var text = await FixtureAsync("ImportAndPublish/http-workflow.json");

        var first = await Host.Definitions.ImportAsync(text, publish: true);
        var second = await Host.Definitions.ImportAsync(text, publish: true);

        Assert.Empty(first.Errors);
        Assert.True(first.IsPublished);
        Assert.False(second.IsPublished);
        var error = Assert.Single(second.Errors);
        Assert.Equal("http-route-in-use", error.Code);
        Assert.Equal("b036c71bbd31983d", error.ActivityId);
        Assert.Equal("活动“HttpEndpoint1”：路径 /test 与方法 GET 已被另一流程（HttpWorkflow）使用。", error.Message);
        // The second definition's draft is kept; publishing it later is refused the same way.
        var (_, errors) = await Host.Definitions.PublishAsync(second.DefinitionId!);
        Assert.Equal("http-route-in-use", Assert.Single(errors).Code);
    }

    [Fact]
    public async Task ReloadFixture_IsReachableWhilePublished_AndNotOnceRetracted()
    {
        var result = await Host.Definitions.ImportAsync(await FixtureAsync("WorkflowDefinitionReload/http-workflow.json"), publish: true);
        Assert.Empty(result.Errors);
        var match = Assert.Single(await Routes.FindTriggersAsync("reload-test", "GET"));
        var (instance, slot) = await StartAsync(match, Request("reload-test"));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.False(slot.Written);

        await Host.Definitions.RetractAsync(result.DefinitionId!);
        Assert.Empty(await Routes.FindTriggersAsync("reload-test", "GET"));
        await Host.Definitions.PublishAsync(result.DefinitionId!);
        Assert.Single(await Routes.FindTriggersAsync("reload-test", "GET"));
    }

    [Fact]
    public async Task DynamicEndpointFixture_WhosePathIsAScript_IsRefusedAsATrigger_NamingTheTestHostClassItNeeds_InChinese()
    {
        var result = await Host.Definitions.ImportAsync(await FixtureAsync("WorkflowDefinitionRefresh/dynamic-endpoint-http-workflow.json"), publish: true);

        Assert.False(result.IsPublished);
        Assert.All(result.Errors, e => Assert.Equal("$.root.activities[0].path", e.Path));
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal("活动“HttpEndpoint1”的输入 path 调用了函数 getStaticValue()，它由 Elsa 测试项目的 C# 类 StaticValueHolder（Elsa.Workflows.ComponentTests）提供，本系统没有这个类。", result.Errors[0].Message);
        Assert.Equal("活动“HttpEndpoint1”用于启动流程，其路径须为固定值（不能是脚本或变量）。", result.Errors[1].Message);
    }

    [Fact]
    public async Task WriteHttpResponse_WithoutARequestToAnswer_FaultsInChinese()
    {
        var definition = Definition("no-request", [Start(), Activity("answer", "Elsa.WriteHttpResponse", ("content", Literal("hi", "String")))], [("start", "Done", "answer")]);

        var instance = await Host.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await Host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("no-http-request", incident.Code);
        Assert.StartsWith("活动“HTTP 响应”没有可答复的 HTTP 请求", incident.Message);
    }

    [Fact]
    public async Task WriteHttpResponse_WritesStatusJsonAndHeaders()
    {
        var definition = Definition("json-answer",
            [Endpoint("in", "things", true),
             Activity("answer", "Elsa.WriteHttpResponse", ("statusCode", Literal("Created", "System.Net.HttpStatusCode, System.Net.Primitives")),
                 ("content", Js("({ id: 7, name: '甲' })", "Object")), ("responseHeaders", Literal("{\"X-Case\":\"C-1\"}", "Elsa.Http.Models.HttpHeaders, Elsa.Http")))],
            [("in", "Done", "answer")]);
        await Host.PublishAsync(definition);

        var (_, slot) = await StartAsync(Assert.Single(await Routes.FindTriggersAsync("things", "GET")), Request("things"));

        Assert.Equal(201, slot.StatusCode);
        Assert.Equal("application/json", slot.ContentType);
        Assert.Equal(7, JsonNode.Parse(slot.Content!)!["id"]!.GetValue<int>());
        Assert.Equal("C-1", slot.Headers["X-Case"]);
    }
}
