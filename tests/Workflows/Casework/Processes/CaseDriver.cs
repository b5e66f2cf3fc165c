using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Workflows.Tests.Casework.Processes;

/// <summary>Drives a shipped process (and the sub-processes it starts) through the real engine as the staff would.</summary>
public sealed class CaseDriver(WorkflowTestHost host, string instanceId, string caseId)
{
    public static readonly TaskUser Notary = new("notary1@office.test", ["notary"]);
    public static readonly TaskUser OtherNotary = new("notary2@office.test", ["notary"]);
    public static readonly TaskUser NotaryHead = new("head@office.test", ["notary-head"]);
    public static readonly TaskUser Officer = new("officer@aid.test", ["legalaid-officer"]);
    public static readonly TaskUser AidHead = new("head@aid.test", ["legalaid-head"]);
    public static readonly TaskUser Provider = new("lawyer@firm.test", ["legalaid-provider"]);
    public static readonly TaskUser Supervisor = new("supervisor@bureau.test", ["supervisor"]);
    public static readonly TaskUser Verifier = new("verifier@bureau.test", ["verifier"]);
    public static readonly TaskUser CreditOfficer = new("credit@bureau.test", ["credit-officer"]);

    public const string ApplicantId = "430407199803150025";

    public WorkflowTestHost Host { get; } = host;
    public string InstanceId { get; } = instanceId;
    public string CaseId { get; } = caseId;
    public TaskService Tasks => Host.Services.GetRequiredService<TaskService>();
    public ICaseStore Cases => Host.Services.GetRequiredService<ICaseStore>();

    public static JsonObject Applicant(string idNumber = ApplicantId) => new()
    {
        ["name"] = "刘晓梅", ["gender"] = "女", ["birthDate"] = "1998-03-15", ["idNumber"] = idNumber, ["address"] = "湖南省衡阳市石鼓区中山北路18号",
        ["userEmail"] = "applicant@demo.justice.local", ["phone"] = "13900000000",
    };

    public static async Task PublishAllAsync(WorkflowTestHost host)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ShippedDefinitions"), "*.json"))
        {
            var result = await host.Definitions.ImportAsync(await File.ReadAllTextAsync(file), publish: true);
            Assert.True(result.IsPublished, string.Join("\n", result.Errors.Select(e => $"{file}: {e.Code} {e.Path} {e.Message}")));
        }
    }

    /// <summary>The seed of the verification draws that follow (null: drawn as in production).</summary>
    public static void PlanSampling(WorkflowTestHost host, int? seed) => host.Services.GetRequiredService<PlannedSamplingSeeds>().Seed = seed;

    public static async Task<CaseDriver> StartAsync(WorkflowTestHost host, string definitionId, JsonObject input)
    {
        var instance = (await host.Runtime.StartAsync(definitionId, input, null))!;
        Assert.True(instance.SubStatus is "Suspended" or "Finished", await IncidentsAsync(host));
        return new CaseDriver(host, instance.Id, instance.CorrelationId!);
    }

    static async Task<string> IncidentsAsync(WorkflowTestHost host)
    {
        var (items, _) = await host.Instances.QueryAsync(new Justice.Workflows.Runtime.Stores.InstanceQuery(null, null, "Faulted", null, 1, 50));
        var lines = new List<string>();
        foreach (var item in items)
            lines.AddRange((await host.Instances.GetIncidentsAsync(item.Id)).Select(i => $"{item.DefinitionId}/{i.ActivityId}: {i.Message}"));
        return string.Join("\n", lines);
    }

    /// <summary>The one open task of an activity, in this process or a sub-process it started.</summary>
    public async Task<HumanTaskRecord> TaskAsync(string activityId)
    {
        var (items, _) = await Host.TaskStore.ListOpenTasksAsync(
            ["notary", "notary-head", "legalaid-officer", "legalaid-head", "supervisor", "credit-officer", "verifier", "legalaid-provider"], null, [], 1, 500);
        var all = items.ToList();
        var related = all.Where(t => t.ActivityId == activityId).ToList();
        if (related.Count == 0)
        {
            var (assigned, _) = await Host.TaskStore.ListOpenTasksAsync([], Verifier.Email, [], 1, 500);
            related = [.. assigned.Where(t => t.ActivityId == activityId)];
        }
        if (related.Count == 0)
        {
            var members = await Cases.GetMembersAsync(CaseId);
            var (byCase, _) = await Host.TaskStore.ListOpenTasksAsync([], null, [CaseId], 1, 500);
            related = [.. byCase.Where(t => t.ActivityId == activityId)];
        }
        Assert.True(related.Count == 1, $"expected one open task '{activityId}', found {related.Count}; open: {string.Join(", ", all.Select(t => t.ActivityId))}; faults: {await IncidentsAsync(Host)}");
        return related[0];
    }

    public async Task<WorkflowInstanceRecord> CompleteAsync(string activityId, string outcome, TaskUser user, JsonObject? data = null)
    {
        var task = await TaskAsync(activityId);
        var result = await Tasks.CompleteAsync(task.Id, user, outcome, null, data);
        var done = Assert.IsType<TaskCompletion.Completed>(result);
        Assert.True(done.Instance.SubStatus is "Suspended" or "Finished", await IncidentsAsync(Host));
        return done.Instance;
    }

    public Task<WorkflowInstanceRecord> ServeAsync(string activityId, string? receivedOn = null) =>
        CompleteAsync(activityId, "已送达", Notary, new JsonObject { ["method"] = "in-person", ["receivedOn"] = receivedOn ?? Today });

    public string Today => Host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");

    public async Task<CaseRecord> CaseAsync(string? id = null) => (await Cases.FindAsync(id ?? CaseId))!;

    public async Task<JsonObject> FieldsAsync(string? id = null) => (JsonObject)JsonNode.Parse((await CaseAsync(id)).FieldsJson)!;

    public async Task<IReadOnlyList<CaseDocument>> DocumentsAsync(string? id = null) => await Cases.GetDocumentsAsync(id ?? CaseId);

    public async Task<CasePeriod> PeriodAsync(string code) => (await Cases.GetPeriodsAsync(CaseId)).Last(p => p.Code == code);

    public async Task<WorkflowInstanceRecord> InstanceAsync() => (await Host.Instances.FindAsync(InstanceId))!;

    public async Task AdvanceAsync(TimeSpan by)
    {
        Host.Clock.Advance(by);
        while (await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(5)) > 0)
        {
        }
    }
}
