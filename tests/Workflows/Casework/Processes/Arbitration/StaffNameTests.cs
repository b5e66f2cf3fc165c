using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Casework.Processes.Arbitration.ArbitrationScenario;

namespace Justice.Workflows.Tests.Casework.Processes.Arbitration;

/// <summary>People are named as people: the documents, members and timeline of a case carry the staff directory's names, never e-mail addresses.</summary>
public sealed class StaffNameTests : IAsyncLifetime
{
    WorkflowTestHost host = null!;

    /// <summary>The bureau's roster with real names (the reviewer has none: an account without a name stays its address).</summary>
    sealed class NamedStaff : IStaffDirectory
    {
        public static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
        {
            [Secretary] = "林晓梅", [Arbitrator] = "周建华", [OtherArbitrator] = "何志强", [Director] = "郑国平",
        };

        public Task<StaffMember?> FindAsync(string email, CancellationToken cancellationToken = default) =>
            Task.FromResult<StaffMember?>(new(email, Names.GetValueOrDefault(email, email),
                ["secretary", "arbitrator", "director", "reviewer"], true));
    }

    public async Task InitializeAsync() =>
        host = await WorkflowTestHost.CreateAsync(configure: services => services.AddSingleton<IStaffDirectory>(new NamedStaff()));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task IssuedDocuments_NameTheSecretaryAndArbitrator_NeverTheirAddresses()
    {
        await PublishAsync(host);
        var s = await ArbitrationScenario.StartAsync(host);
        await s.FormSoleTribunalAsync();

        var documents = await s.DocumentsAsync();
        var acceptance = documents.First(d => d.Title == "受理通知书");
        Assert.Contains("本案办案秘书：林晓梅", acceptance.Html);
        Assert.DoesNotContain("王秘书", acceptance.Html); // the filing's name gives way to the account's
        Assert.All(documents, d => Assert.DoesNotContain("@bureau.test", d.Html));
        Assert.Contains(documents, d => d.Title == "组庭通知书" && d.Html.Contains("周建华"));

        var members = await s.Cases.GetMembersAsync(s.CaseId);
        Assert.Equal("林晓梅", members.Single(m => m.Relation == CaseRelations.Secretary).DisplayName);
        Assert.Equal("周建华", members.Single(m => m.Relation == CaseRelations.Arbitrator).DisplayName);
        var timeline = await s.TimelineAsync();
        Assert.Contains(timeline, t => t.StartsWith("办案秘书：林晓梅"));
        Assert.DoesNotContain(timeline, t => t.Contains("@bureau.test"));
    }

    [Fact]
    public async Task MemberWithoutAName_KeepsTheNameGiven_ElseTheAddress()
    {
        await PublishAsync(host);
        var s = await ArbitrationScenario.StartAsync(host);
        await s.CompleteAsync("review", "受理", SecretaryUser);
        await s.ServeAsync("serveAcceptTask");
        await s.CompleteAsync("feeTask", "已预交", SecretaryUser);
        await s.ServeAsync("serveNoticeTask");
        // arbitrator3 has no name in the directory: the name given with the choice stands.
        await s.CompleteAsync("soleTask", "双方共同选定", SecretaryUser, new JsonObject { ["arbitrator"] = "arbitrator3@bureau.test", ["arbitratorName"] = "赵仲裁员" });

        var members = await s.Cases.GetMembersAsync(s.CaseId);
        Assert.Equal("赵仲裁员", members.Single(m => m.Relation == CaseRelations.Arbitrator).DisplayName);
    }
}
