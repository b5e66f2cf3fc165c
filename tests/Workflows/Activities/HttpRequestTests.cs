using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Activities;

/// <summary>Elsa.FlowSendHttpRequest and Elsa.SendHttpRequest against a real Kestrel receiver.</summary>
public sealed class HttpRequestTests : IAsyncLifetime
{
    HttpReceiver _receiver = null!;
    WorkflowTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _receiver = await HttpReceiver.StartAsync(app =>
        {
            app.MapGet("/ok", () => Results.Json(new { accepted = true, number = "NO-1" }));
            app.MapPost("/certificates", () => Results.Json(new { received = true }));
            app.MapGet("/missing", () => Results.NotFound());
            app.MapGet("/teapot", () => Results.StatusCode(418));
            app.MapGet("/text", () => Results.Text("纯文本", "text/plain"));
            app.MapGet("/large", () => Results.Text(new string('x', 5000), "text/plain"));
            app.MapGet("/redirect", () => Results.Redirect("http://elsewhere.example/"));
            app.MapGet("/never", async (HttpContext context) =>
            {
                // The request has arrived: the engine's clock passes the timeout while no answer comes.
                _host.Clock.Advance(TimeSpan.FromSeconds(2));
                var aborted = new TaskCompletionSource();
                using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
                await aborted.Task;
                return Results.Ok();
            });
        });
        _host = await WorkflowTestHost.CreateAsync(new()
        {
            ["Workflows:Http:AllowedHosts:0"] = "127.0.0.1",
            ["Workflows:Http:TimeoutSeconds"] = "1",
            ["Workflows:Http:MaxResponseBytes"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    string Url(string path) => new Uri(_receiver.Address, path).ToString();

    static JsonObject FlowRequest(string id, string url, string? expected = "[200, 404]", params (string Key, JsonNode? Value)[] more) =>
        Activity(id, "Elsa.FlowSendHttpRequest", [("url", Literal(url, "System.Uri, System.Private.Uri")), .. expected is null ? Array.Empty<(string, JsonNode?)>() : [("expectedStatusCodes", Literal(expected, "List<Int32>"))], .. more]);

    /// <summary>A request followed by one WriteLine per port, so the journal shows which ports were taken.</summary>
    async Task<(WorkflowInstanceRecord Instance, List<string> Lines)> RunAsync(JsonObject request, params string[] ports)
    {
        var lines = ports.Select((p, i) => WriteLine($"line{i}", p)).ToList();
        var definition = Definition($"http-{Guid.NewGuid():N}", [Start(), request, .. lines],
            [("start", "Done", request["id"]!.GetValue<string>()), .. ports.Select((p, i) => (request["id"]!.GetValue<string>(), p, $"line{i}"))],
            variables: [Variable("Answer", "Object"), Variable("Status", "Int32")]);
        var instance = await _host.RunAsync(definition);
        return (instance, await _host.WrittenLinesAsync(instance.Id));
    }

    static readonly string[] Ports = ["200", "404", "Unmatched status code", "Done", "Failed to connect", "Timeout"];

    [Fact]
    public async Task FlowSendHttpRequest_ExpectedStatus_TakesItsPortAndDone_AndParsesJson()
    {
        var request = FlowRequest("send", Url("/ok"), "[200, 404]",
            ("parsedContent", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "Answer" } }),
            ("statusCode", new JsonObject { ["typeName"] = "Int32", ["memoryReference"] = new JsonObject { ["id"] = "Status" } }));

        var (instance, lines) = await RunAsync(request, Ports);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["200", "Done"], lines);
        Assert.Equal("NO-1", (await _host.VariableAsync(instance.Id, "Answer"))!["number"]!.GetValue<string>());
        Assert.Equal(200, (await _host.VariableAsync(instance.Id, "Status"))!.GetValue<int>());
    }

    [Theory]
    [InlineData("/missing", "404")]
    [InlineData("/teapot", "Unmatched status code")]
    [InlineData("/redirect", "Unmatched status code")]
    public async Task FlowSendHttpRequest_OtherStatus_TakesItsPortOrUnmatched(string path, string port)
    {
        var (_, lines) = await RunAsync(FlowRequest("send", Url(path)), Ports);

        Assert.Equal([port, "Done"], lines);
    }

    [Fact]
    public async Task FlowSendHttpRequest_WithoutExpectedCodes_TakesDoneOnly_AndKeepsTextAsText()
    {
        var request = FlowRequest("send", Url("/text"), null,
            ("parsedContent", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "Answer" } }));

        var (instance, lines) = await RunAsync(request, Ports);

        Assert.Equal(["Done"], lines);
        Assert.Equal("纯文本", (await _host.VariableAsync(instance.Id, "Answer"))!.GetValue<string>());
    }

    [Fact]
    public async Task FlowSendHttpRequest_SendsMethodContentAndAuthorization()
    {
        var request = FlowRequest("send", Url("/certificates"), "[200]",
            ("method", Literal("POST", "String")), ("content", Js("({ certificate: 'GZ-2026-1' })", "Object")),
            ("contentType", Literal("application/json", "String")), ("authorization", Literal("Bearer secret-token", "String")));

        var (_, lines) = await RunAsync(request, Ports);

        Assert.Equal(["200", "Done"], lines);
        var received = Assert.Single(_receiver.Received);
        Assert.Equal("POST", received.Method);
        Assert.Equal("Bearer secret-token", received.Authorization);
        Assert.StartsWith("application/json", received.ContentType);
        Assert.Equal("GZ-2026-1", JsonNode.Parse(received.Body)!["certificate"]!.GetValue<string>());
    }

    [Fact]
    public async Task FlowSendHttpRequest_NoAnswerInTime_TakesTimeout()
    {
        var (instance, lines) = await RunAsync(FlowRequest("send", Url("/never")), Ports);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["Timeout"], lines);
    }

    [Fact]
    public async Task FlowSendHttpRequest_NobodyListening_TakesFailedToConnect()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var (_, lines) = await RunAsync(FlowRequest("send", $"http://127.0.0.1:{port}/x"), Ports);

        Assert.Equal(["Failed to connect"], lines);
    }

    [Fact]
    public async Task AHostNotOnTheAllowlist_IsRefused_WithAChineseFaultNamingIt_AndNothingIsSent()
    {
        var url = Url("/ok").Replace("127.0.0.1", "localhost");

        var (instance, lines) = await RunAsync(FlowRequest("send", url), [.. Ports.Where(p => p != "Failed to connect")]);

        Assert.Empty(lines);
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await _host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("host-not-allowed", incident.Code);
        Assert.Contains("主机“localhost”不在允许外发的主机列表", incident.Message);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task AHostNotOnTheAllowlist_WithTheFailurePortConnected_GoesOnThere_AndNothingIsSent()
    {
        var url = Url("/ok").Replace("127.0.0.1", "localhost");

        var (instance, lines) = await RunAsync(FlowRequest("send", url), Ports);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["Failed to connect"], lines);
        var entry = (await _host.Instances.GetJournalAsync(instance.Id)).Single(j => j.ActivityId == "send" && j.Event == "Completed");
        Assert.Contains("主机“localhost”不在允许外发的主机列表", JsonNode.Parse(entry.DataJson)!["error"]!.GetValue<string>());
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task AResponseLargerThanTheLimit_FaultsTheActivity()
    {
        var (instance, _) = await RunAsync(FlowRequest("send", Url("/large"), "[200]"), Ports);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(await _host.Instances.GetIncidentsAsync(instance.Id));
        Assert.Equal("response-too-large", incident.Code);
        Assert.Contains("超出大小上限（1000 字节）", incident.Message);
    }

    [Fact]
    public async Task SendHttpRequest_CompletesWithItsOutputs_AndFaultsWhenNoAnswerComes()
    {
        var ok = Activity("send", "Elsa.SendHttpRequest", ("url", Literal(Url("/ok"), "System.Uri, System.Private.Uri")),
            ("statusCode", new JsonObject { ["typeName"] = "Int32", ["memoryReference"] = new JsonObject { ["id"] = "Status" } }));
        var (instance, lines) = await RunAsync(ok, "Done");
        Assert.Equal(["Done"], lines);
        Assert.Equal(200, (await _host.VariableAsync(instance.Id, "Status"))!.GetValue<int>());

        var never = Activity("send", "Elsa.SendHttpRequest", ("url", Literal(Url("/never"), "System.Uri, System.Private.Uri")));
        var (faulted, _) = await RunAsync(never, "Done");
        Assert.Equal(WorkflowSubStatus.Faulted, faulted.SubStatus);
        Assert.Equal("活动“发送 HTTP 请求”的请求超时，未收到响应。", Assert.Single(await _host.Instances.GetIncidentsAsync(faulted.Id)).Message);
    }
}
