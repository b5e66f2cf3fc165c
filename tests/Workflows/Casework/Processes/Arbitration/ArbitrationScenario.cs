using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.State;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Workflows.Tests.Casework.Processes.Arbitration;

/// <summary>Drives the shipped arbitration process through the real engine as the people who work on it.</summary>
public sealed class ArbitrationScenario
{
    public const string Secretary = "secretary@bureau.test";
    public const string Director = "director@bureau.test";
    public const string Arbitrator = "arbitrator1@bureau.test";
    public const string OtherArbitrator = "arbitrator2@bureau.test";
    public const string Reviewer = "reviewer@bureau.test";

    public static readonly TaskUser SecretaryUser = new(Secretary, ["secretary"]);
    public static readonly TaskUser DirectorUser = new(Director, ["director"]);
    public static readonly TaskUser ArbitratorUser = new(Arbitrator, ["arbitrator"]);
    public static readonly TaskUser OtherArbitratorUser = new(OtherArbitrator, ["arbitrator"]);
    public static readonly TaskUser ReviewerUser = new(Reviewer, ["reviewer"]);

    ArbitrationScenario(WorkflowTestHost host, string instanceId, string caseId)
    {
        Host = host;
        InstanceId = instanceId;
        CaseId = caseId;
    }

    public WorkflowTestHost Host { get; }
    public string InstanceId { get; }
    public string CaseId { get; }
    public TaskService Tasks => Host.Services.GetRequiredService<TaskService>();
    public ICaseStore Cases => Host.Services.GetRequiredService<ICaseStore>();

    public static async Task PublishAsync(WorkflowTestHost host)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ShippedDefinitions", "arbitration-case.json"));
        var result = await host.Definitions.ImportAsync(text, publish: true);
        Assert.True(result.IsPublished, string.Join("\n", result.Errors.Select(e => $"{e.Code} {e.Path} {e.Message}")));
    }

    public static async Task<ArbitrationScenario> StartAsync(WorkflowTestHost host, decimal amount = 200_000, string? filedOn = null, string[]? reviewers = null)
    {
        var input = new JsonObject
        {
            ["Title"] = "湖南衡阳某商贸有限公司与李某买卖合同纠纷",
            ["DisputeType"] = "买卖合同",
            ["Claims"] = "1. 裁决被申请人支付货款人民币200,000元；2. 裁决被申请人承担本案仲裁费用。",
            ["Amount"] = amount,
            ["FiledOn"] = filedOn ?? host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd"),
            ["Secretary"] = Secretary,
            ["SecretaryName"] = "王秘书",
            ["ReviewerPool"] = new JsonArray([.. (reviewers ?? [Secretary, Reviewer]).Select(r => (JsonNode)r)]),
            ["Parties"] = new JsonArray(
                new JsonObject
                {
                    ["side"] = "claimant", ["name"] = "衡阳市示范商贸有限公司", ["partyKind"] = "organization", ["creditCode"] = "91430405MA4L000000",
                    ["representative"] = "张某", ["address"] = "湖南省衡阳市珠晖区东风路1号", ["userEmail"] = "applicant@demo.justice.local", ["phone"] = "13800000000",
                },
                new JsonObject
                {
                    ["side"] = "respondent", ["name"] = "李某", ["gender"] = "男", ["birthDate"] = "1985-06-01", ["idNumber"] = "430405198506011234",
                    ["address"] = "湖南省衡阳市蒸湘区解放大道2号",
                }),
        };
        var instance = (await host.Runtime.StartAsync("arbitration-case", input, null))!;
        Assert.True(instance.SubStatus == "Suspended", await IncidentsAsync(host, instance.Id));
        return new ArbitrationScenario(host, instance.Id, instance.CorrelationId!);
    }

    static async Task<string> IncidentsAsync(WorkflowTestHost host, string instanceId) =>
        string.Join("\n", (await host.Instances.GetIncidentsAsync(instanceId)).Select(i => $"{i.ActivityId}: {i.Message}"));

    /// <summary>The open task of an activity of this case's instance.</summary>
    public async Task<HumanTaskRecord> TaskAsync(string activityId)
    {
        var (items, _) = await Host.TaskStore.ListOpenTasksAsync(["secretary", "director", "arbitrator", "reviewer"], null, [CaseId], 1, 500);
        var task = items.Where(t => t.InstanceId == InstanceId && t.ActivityId == activityId).ToList();
        Assert.True(task.Count == 1, $"expected one open task '{activityId}', found {task.Count}; open: {string.Join(", ", items.Where(t => t.InstanceId == InstanceId).Select(t => t.ActivityId))}; incidents: {await IncidentsAsync(Host, InstanceId)}");
        return task[0];
    }

    public async Task<WorkflowInstanceRecord> CompleteAsync(string activityId, string outcome, TaskUser user, JsonObject? data = null, string? comment = null)
    {
        var task = await TaskAsync(activityId);
        var result = await Tasks.CompleteAsync(task.Id, user, outcome, comment, data);
        var done = Assert.IsType<TaskCompletion.Completed>(result);
        Assert.True(done.Instance.SubStatus is "Suspended" or "Finished", await IncidentsAsync(Host, InstanceId));
        return done.Instance;
    }

    public Task<WorkflowInstanceRecord> ServeAsync(string activityId, string? receivedOn = null) =>
        CompleteAsync(activityId, "已送达", SecretaryUser, new JsonObject { ["method"] = "electronic", ["receivedOn"] = receivedOn ?? Today });

    /// <summary>Schedules the hearing and serves its notice on both parties today.</summary>
    public async Task<WorkflowInstanceRecord> ScheduleHearingAsync(JsonObject hearing)
    {
        await CompleteAsync("hearingTask", "已安排", SecretaryUser, hearing);
        await ServeAsync("serveHearingTaskC");
        return await ServeAsync("serveHearingTaskR");
    }

    public string Today => Host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");

    public async Task<CaseRecord> CaseAsync() => (await Cases.FindAsync(CaseId))!;

    public async Task<IReadOnlyList<CaseDocument>> DocumentsAsync() => await Cases.GetDocumentsAsync(CaseId);

    public async Task<CasePeriod> PeriodAsync(string code) => (await Cases.GetPeriodsAsync(CaseId)).Last(p => p.Code == code);

    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Host.Clock.Advance(by);
        var fired = 0;
        int n;
        while ((n = await Host.Runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(5))) > 0)
            fired += n;
        return fired;
    }

    /// <summary>From filing to a formed sole-arbitrator tribunal (summary procedure).</summary>
    public async Task FormSoleTribunalAsync(string arbitrator = Arbitrator)
    {
        await CompleteAsync("review", "受理", SecretaryUser);
        await ServeAsync("serveAcceptTask");
        await CompleteAsync("feeTask", "已预交", SecretaryUser);
        await ServeAsync("serveNoticeTask");
        await CompleteAsync("soleTask", "双方共同选定", SecretaryUser, new JsonObject { ["arbitrator"] = arbitrator, ["arbitratorName"] = "赵仲裁员" });
        await CompleteAsync("disclosure", "无需披露", arbitrator == Arbitrator ? ArbitratorUser : OtherArbitratorUser);
    }

    public async Task<IReadOnlyList<string>> TimelineAsync() => (await Cases.GetEntriesAsync(CaseId)).Select(e => e.Title).ToList();
}
