using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Portal.Tests.Features.Designer;

namespace Justice.Portal.Tests.Features.HttpWorkflows;

/// <summary>The fee collector's system signs in with its API key; the arbitration fee-notice endpoint admits it and nobody else.</summary>
public sealed class FeeCollectorApiKeyTests : IClassFixture<FeeCollectorApiKeyTests.Factory>
{
    public const string Key = "fee-collector-test-key-2026-0001";

    public sealed class Factory : IDisposable
    {
        public PortalFactory Portal { get; } = new() { Settings = { ["ApiKeys:fee-collector"] = Key } };

        public void Dispose() => Portal.Dispose();
    }

    readonly PortalFactory _factory;

    public FeeCollectorApiKeyTests(Factory factory) => _factory = factory.Portal;

    static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    async Task PublishAsync()
    {
        var definition = new JsonObject
        {
            ["definitionId"] = "fee-notice-check", ["name"] = "fee notice check",
            ["root"] = new JsonObject
            {
                ["id"] = "root", ["type"] = "Elsa.Flowchart", ["version"] = 1,
                ["activities"] = new JsonArray(
                    new JsonObject
                    {
                        ["id"] = "in", ["type"] = "Elsa.HttpEndpoint", ["version"] = 1, ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true },
                        ["path"] = "fee-check", ["supportedMethods"] = "POST", ["authorize"] = true, ["policy"] = "fee-collector",
                    },
                    new JsonObject { ["id"] = "answer", ["type"] = "Elsa.WriteHttpResponse", ["version"] = 1, ["content"] = "received" }),
                ["connections"] = new JsonArray(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = "in", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "answer", ["port"] = "In" },
                }),
            },
        };
        var admin = await _factory.ClientAsync("admin");
        var response = await admin.PostAsync("/api/workflow-definitions/import?publish=true", Json(definition.ToJsonString()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    async Task<HttpResponseMessage> NoticeAsync(HttpClient client, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/workflows/fee-check") { Content = Json("{\"receiptNo\":\"FS-1\"}") };
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task OnlyTheFeeCollectorsKey_IsAdmitted()
    {
        await PublishAsync();
        var anonymous = await _factory.ClientAsync();
        var secretary = await _factory.ClientAsync("secretary");
        var admin = await _factory.ClientAsync("admin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await NoticeAsync(anonymous, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await NoticeAsync(anonymous, "fee-collector-test-key-2026-0002")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await NoticeAsync(secretary, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await NoticeAsync(admin, null)).StatusCode);
        var admitted = await NoticeAsync(anonymous, Key);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal("received", await admitted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheKey_OpensNothingOfThePortalsOwnApi()
    {
        var client = await _factory.ClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        request.Headers.Add("X-Api-Key", Key);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task TheShippedArbitrationProcess_WaitsForFeeNoticesFromTheFeeCollectorOnly()
    {
        var admin = await _factory.ClientAsync("admin");

        var definition = (await admin.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/arbitration-case?version=published"))!;

        var notice = definition["root"]!["activities"]!.AsArray().OfType<JsonObject>().Single(a => a["id"]!.GetValue<string>() == "feeNotice");
        Assert.Equal("Elsa.HttpEndpoint", notice["type"]!.GetValue<string>());
        Assert.Equal("fee-collector", notice["policy"]!["expression"]!["value"]!.GetValue<string>());
        Assert.True(notice["authorize"]!["expression"]!["value"]!.GetValue<bool>());
    }
}
