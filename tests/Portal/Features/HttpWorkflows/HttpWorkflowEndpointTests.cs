using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Portal.Tests.Features.Designer;

namespace Justice.Portal.Tests.Features.HttpWorkflows;

/// <summary>
/// <c>/workflows/{path}</c> on the real portal: Elsa's HttpWorkflows, WorkflowDefinitionReload and RestApis scenarios
/// (their definitions imported through the API), authorisation, request parsing and the answer written.
/// </summary>
public sealed class HttpWorkflowEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    static string Fixture(string path) =>
        File.ReadAllText(Path.Combine(DesignerModelTests.Repository, "tests", "Workflows", "Fixtures", "Elsa3", path));

    static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    async Task<string> PublishAsync(string definition)
    {
        var admin = await factory.ClientAsync("admin");
        var response = await admin.PostAsync("/api/workflow-definitions/import?publish=true", Json(definition));
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body["definitionId"]!.GetValue<string>();
    }

    static JsonObject Literal(JsonNode? value, string typeName) => new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    static JsonObject Js(string script, string typeName = "Object") => new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script } };

    static JsonObject Into(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    static JsonObject Endpoint(string id, string path, bool canStart, string methods = "[\"GET\"]", params (string Key, JsonNode? Value)[] more)
    {
        var endpoint = new JsonObject
        {
            ["id"] = id, ["type"] = "Elsa.HttpEndpoint", ["version"] = 1,
            ["path"] = Literal(path, "String"), ["supportedMethods"] = Literal(methods, "String[]"),
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = canStart },
        };
        foreach (var (key, value) in more)
            endpoint[key] = value;
        return endpoint;
    }

    static JsonObject Answer(string id, JsonObject content, string? contentType = "text/plain", JsonObject? headers = null)
    {
        var answer = new JsonObject { ["id"] = id, ["type"] = "Elsa.WriteHttpResponse", ["version"] = 1, ["content"] = content };
        if (contentType is not null)
            answer["contentType"] = Literal(contentType, "String");
        if (headers is not null)
            answer["responseHeaders"] = Literal(headers.ToJsonString(), "Elsa.Http.Models.HttpHeaders, Elsa.Http");
        return answer;
    }

    static string Definition(string definitionId, JsonObject[] activities, (string From, string To)[] connections, params string[] variables) => new JsonObject
    {
        ["definitionId"] = definitionId, ["name"] = definitionId,
        ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode)new JsonObject { ["id"] = v, ["name"] = v, ["typeName"] = "Object", ["isArray"] = false })]),
        ["root"] = new JsonObject
        {
            ["id"] = "root", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray([.. activities]),
            ["connections"] = new JsonArray([.. connections.Select(c => (JsonNode)new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = c.From, ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = c.To, ["port"] = "In" },
            })]),
        },
    }.ToJsonString();

    async Task<JsonObject> InstanceAsync(string instanceId)
    {
        var admin = await factory.ClientAsync("admin");
        return (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}"))!;
    }

    [Fact]
    public async Task HelloWorldFixture_AnswersHelloWorld_AsSandboxedText()
    {
        await PublishAsync(Fixture("HttpWorkflows/http-hello-world.json"));
        var client = await factory.ClientAsync();

        var response = await client.GetAsync("/workflows/hello-world");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello World!", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task RouteData_IsHandedToTheEndpoint()
    {
        await PublishAsync(Definition("http-route-data",
            [Endpoint("orders", "orders/{id}", true, more: ("routeData", Into("RouteData"))), Answer("answer", Js("getVariable('RouteData').id", "String"))],
            [("orders", "answer")], "RouteData"));
        var client = await factory.ClientAsync();

        Assert.Equal("42", await client.GetStringAsync("/workflows/orders/42"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/workflows/orders/42/lines")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/workflows/orders/42", null)).StatusCode);
    }

    [Theory]
    [InlineData("workflowInstanceId")]
    [InlineData("correlationId")]
    public async Task ResumingASpecificInstance_ResumesOnlyIt(string identifierKey)
    {
        var prefix = $"simple-http-api-{identifierKey.ToLowerInvariant()}";
        await PublishAsync(Definition(prefix, [Endpoint("start", $"{prefix}/start", true), Endpoint("resume", $"{prefix}/resume", false)], [("start", "resume")]));
        var client = await factory.ClientAsync();
        var admin = await factory.ClientAsync("admin");
        var instances = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var correlationId = $"{prefix}-{Guid.NewGuid():N}";
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/workflows/{prefix}/start?correlationId={correlationId}")).StatusCode);
            var list = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances?correlationId={correlationId}"))!;
            instances.Add(list["items"]![0]!["id"]!.GetValue<string>());
        }
        // Three wait: a request that names none of them is ambiguous.
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync($"/workflows/{prefix}/resume")).StatusCode);

        var second = await InstanceAsync(instances[1]);
        var value = identifierKey == "workflowInstanceId" ? instances[1] : second["correlationId"]!.GetValue<string>();
        var response = await client.GetAsync($"/workflows/{prefix}/resume?{identifierKey}={value}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Finished", (await InstanceAsync(instances[1]))["subStatus"]!.GetValue<string>());
        Assert.Equal("Suspended", (await InstanceAsync(instances[0]))["subStatus"]!.GetValue<string>());
        Assert.Equal("Suspended", (await InstanceAsync(instances[2]))["subStatus"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/workflows/{prefix}/resume?{identifierKey}={value}")).StatusCode);
    }

    [Fact]
    public async Task ReloadFixture_IsReachableWhilePublishedOnly()
    {
        var definitionId = await PublishAsync(Fixture("WorkflowDefinitionReload/http-workflow.json"));
        var client = await factory.ClientAsync();
        var admin = await factory.ClientAsync("admin");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workflows/reload-test")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{definitionId}/retract", null)).StatusCode);
        var missing = await client.GetAsync("/workflows/reload-test");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{definitionId}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workflows/reload-test")).StatusCode);
    }

    [Fact]
    public async Task UnknownPath_Answers404_AsProblemDetails()
    {
        var client = await factory.ClientAsync();

        var response = await client.GetAsync("/workflows/no-such-endpoint");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Authorize_RequiresALogin_AndPolicy_RequiresThePolicy()
    {
        await PublishAsync(Definition("http-authorized",
            [Endpoint("in", "staff-only", true, more: ("authorize", Literal(true, "Boolean"))), Answer("answer", Literal("ok", "String"))], [("in", "answer")]));
        await PublishAsync(Definition("http-policy",
            [Endpoint("in", "admins-only", true, more: [("authorize", Literal(true, "Boolean")), ("policy", Literal("admin", "String"))]), Answer("answer", Literal("ok", "String"))],
            [("in", "answer")]));
        var anonymous = await factory.ClientAsync();
        var applicant = await factory.ClientAsync("applicant");
        var admin = await factory.ClientAsync("admin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/workflows/staff-only")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync("/workflows/staff-only")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/workflows/admins-only")).StatusCode);
        var forbidden = await applicant.GetAsync("/workflows/admins-only");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("授权策略", await forbidden.Content.ReadAsStringAsync());
        Assert.Equal("ok", await (await admin.GetAsync("/workflows/admins-only")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Body_IsParsedByContentType_AndCredentialsAreNotKept()
    {
        await PublishAsync(Definition("http-echo",
            [Endpoint("in", "echo", true, "[\"POST\"]", ("parsedContent", Into("Body")), ("headers", Into("Headers"))),
             Answer("answer", Js("({ name: getVariable('Body').name, hasAuthorization: Object.keys(getVariable('Headers')).some(k => k.toLowerCase() === 'authorization'), tag: getVariable('Headers')['X-Tag'] })"), null)],
            [("in", "answer")], "Body", "Headers"));
        var client = await factory.ClientAsync("applicant");
        var json = new HttpRequestMessage(HttpMethod.Post, "/workflows/echo") { Content = Json("{\"name\":\"张三\"}") };
        json.Headers.Add("X-Tag", "t1");

        var response = await client.SendAsync(json);
        var form = await client.PostAsync("/workflows/echo", new FormUrlEncodedContent([new("name", "李四")]));
        var broken = await client.PostAsync("/workflows/echo", Json("{not json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var echo = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("张三", echo["name"]!.GetValue<string>());
        Assert.False(echo["hasAuthorization"]!.GetValue<bool>());
        Assert.Equal("t1", echo["tag"]!.GetValue<string>());
        Assert.Equal("李四", (await form.Content.ReadFromJsonAsync<JsonObject>())!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("不是有效的 JSON", await broken.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABodyOverTheEndpointsLimit_Answers413_AndStartsNothing()
    {
        await PublishAsync(Definition("http-small",
            [Endpoint("in", "small", true, "[\"POST\"]", ("requestSizeLimit", Literal(100, "Int64"))), Answer("answer", Literal("ok", "String"))], [("in", "answer")]));
        var client = await factory.ClientAsync();

        var response = await client.PostAsync("/workflows/small", new StringContent(new string('x', 500), Encoding.UTF8, "text/plain"));
        var small = await client.PostAsync("/workflows/small", new StringContent("x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("超出大小上限（100 字节）", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task TheAnswer_CannotSetCookiesOrLiftTheSandbox()
    {
        await PublishAsync(Definition("http-html",
            [Endpoint("in", "page", true), Answer("answer", Literal("<script>alert(1)</script>", "String"), "text/html",
                new JsonObject { ["Set-Cookie"] = "session=x", ["Content-Security-Policy"] = "default-src *", ["X-Case"] = "C-1" })],
            [("in", "answer")]));
        var client = await factory.ClientAsync();

        var response = await client.GetAsync("/workflows/page");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("default-src 'none'; sandbox; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("C-1", response.Headers.GetValues("X-Case").Single());
    }

    [Fact]
    public async Task RestApisHelloWorldFixture_Executes_WithOrWithoutABody()
    {
        var definitionId = await PublishAsync(Fixture("RestApis/hello-world.json"));
        var admin = await factory.ClientAsync("admin");
        var url = $"/api/workflow-definitions/{definitionId}/execute";

        var withCorrelation = await admin.PostAsync(url, Json($"{{\"correlationId\":\"{Guid.NewGuid()}\"}}"));
        var withoutBody = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, url));
        var emptyJson = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("", Encoding.UTF8, "application/json") });

        foreach (var response in new[] { withCorrelation, withoutBody, emptyJson })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Finished", (await response.Content.ReadFromJsonAsync<JsonObject>())!["subStatus"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task SendEmail_GoesThroughThePortalsMailSender()
    {
        var definition = new JsonObject
        {
            ["definitionId"] = "http-mail", ["name"] = "mail",
            ["root"] = new JsonObject
            {
                ["id"] = "root", ["type"] = "Elsa.Flowchart", ["version"] = 1,
                ["activities"] = new JsonArray(
                    new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1 },
                    new JsonObject
                    {
                        ["id"] = "mail", ["type"] = "Elsa.SendEmail", ["version"] = 1,
                        ["to"] = Literal("payer-7@example.cn", "String[]"), ["subject"] = Literal("Fee notice 7", "String"), ["body"] = Literal("Please pay.", "String"),
                    }),
                ["connections"] = new JsonArray(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "mail", ["port"] = "In" },
                }),
            },
        };
        var definitionId = await PublishAsync(definition.ToJsonString());
        var admin = await factory.ClientAsync("admin");

        var response = await admin.PostAsync($"/api/workflow-definitions/{definitionId}/execute", Json("{}"));

        Assert.Equal("Finished", (await response.Content.ReadFromJsonAsync<JsonObject>())!["subStatus"]!.GetValue<string>());
        var mails = Directory.GetFiles(Path.Combine(factory.Folder, "mail"), "*.eml").Select(File.ReadAllText).ToList();
        Assert.Contains(mails, m => m.Contains("payer-7@example.cn") && m.Contains("Fee notice 7"));
    }
}
