using System.Text.Json.Nodes;
using Justice.Workflows.Activities.Http;
using Justice.Workflows.Tests.Activities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Casework.Processes.CaseDriver;

namespace Justice.Workflows.Tests.Casework.Processes;

/// <summary>An issued notarial certificate is reported to the provincial platform; a platform that is off or down never stops the case.</summary>
public sealed class NotaryPlatformTests
{
    const string PlatformHost = "gzpt.hunan.example";

    /// <summary>Sends the platform's requests to the local receiver instead (the host name, and so the allowlist check, stay as they are).</summary>
    sealed class ToReceiver(Uri receiver) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = receiver.Scheme, Host = receiver.Host, Port = receiver.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }

    static async Task<WorkflowTestHost> HostAsync(Uri? receiver, bool allowed)
    {
        var settings = new Dictionary<string, string?>();
        if (allowed)
            settings["Workflows:Http:AllowedHosts:0"] = PlatformHost;
        return await WorkflowTestHost.CreateAsync(settings, configure: services =>
        {
            if (receiver is not null)
                services.AddHttpClient(OutboundHttp.ClientName).AddHttpMessageHandler(() => new ToReceiver(receiver));
        });
    }

    static async Task<CaseDriver> IssueAsync(WorkflowTestHost host)
    {
        await PublishAllAsync(host);
        PlanSampling(host, NotaryProcessTests.SeedFor(sampled: false));
        var d = await CaseDriver.StartAsync(host, "notary-application", new JsonObject
        {
            ["Applicant"] = Applicant(), ["Matter"] = "学历公证", ["Purpose"] = "出国留学", ["Notary"] = Notary.Email, ["NotaryName"] = "陈公证员",
            ["CommitmentRoute"] = true, ["Verifiers"] = new JsonArray(Verifier.Email), ["FiledOn"] = host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd"),
        });
        await d.CompleteAsync("intake", "受理", Notary);
        await d.CompleteAsync("choice", "选择承诺", Notary);
        await d.CompleteAsync("signTask", "已签署", Notary, new JsonObject { ["signMethod"] = "手写签名" });
        await d.CompleteAsync("review", "无需核实", Notary, new JsonObject { ["statement"] = "兹证明刘晓梅于二〇二〇年六月毕业于湖南示范大学法学专业。" });
        await d.CompleteAsync("approval", "批准", NotaryHead);
        return d;
    }

    static async Task<(string Outcomes, JsonObject Data)> NotificationAsync(WorkflowTestHost host, string instanceId)
    {
        var entry = (await host.Instances.GetJournalAsync(instanceId)).Single(j => j.ActivityId == "notifyPlatform" && j.Event == "Completed");
        return (string.Join(",", JsonNode.Parse(entry.OutcomesJson)!.AsArray().Select(o => o!.GetValue<string>())), (JsonObject)JsonNode.Parse(entry.DataJson)!);
    }

    [Fact]
    public async Task CertificateIssued_IsReportedToThePlatform_WithItsNumber()
    {
        await using var receiver = await HttpReceiver.StartAsync(app => app.MapPost("/api/notary/certificates", () => Results.Json(new { received = true })));
        await using var host = await HostAsync(receiver.Address, allowed: true);

        var d = await IssueAsync(host);

        var sent = Assert.Single(receiver.Received);
        Assert.Equal("/api/notary/certificates", sent.Path);
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal("（2026）湘衡示证字第0001号", body["certificateNumber"]!.GetValue<string>());
        Assert.Equal(d.CaseId, body["caseId"]!.GetValue<string>());
        Assert.Null(body["applicant"]);
        Assert.Equal("200,Done", (await NotificationAsync(host, d.InstanceId)).Outcomes);
        await d.TaskAsync("deliver");
    }

    [Fact]
    public async Task PlatformSwitchedOff_ByItsHostNotBeingAllowed_IsNotCalled_AndIssuanceGoesOn()
    {
        await using var receiver = await HttpReceiver.StartAsync(app => app.MapPost("/api/notary/certificates", () => Results.Ok()));
        await using var host = await HostAsync(receiver.Address, allowed: false);

        var d = await IssueAsync(host);

        Assert.Empty(receiver.Received);
        var (outcomes, data) = await NotificationAsync(host, d.InstanceId);
        Assert.Equal("Failed to connect", outcomes);
        Assert.Contains($"主机“{PlatformHost}”不在允许外发的主机列表", data["error"]!.GetValue<string>());
        await d.TaskAsync("deliver");
        Assert.Equal("（2026）湘衡示证字第0001号", (await d.FieldsAsync())["certificateNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task PlatformDownOrFailing_DoesNotStopIssuance()
    {
        await using var failing = await HttpReceiver.StartAsync(app => app.MapPost("/api/notary/certificates", () => Results.StatusCode(503)));
        await using var host = await HostAsync(failing.Address, allowed: true);

        var d = await IssueAsync(host);

        Assert.Equal("Unmatched status code,Done", (await NotificationAsync(host, d.InstanceId)).Outcomes);
        await d.TaskAsync("deliver");
    }
}
