using System.Text.Json.Nodes;
using Justice.Casework;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Justice.Workflows.Tests;

/// <summary>The real engine on a real SQLite file in a temporary folder, with a fake clock.</summary>
public sealed class WorkflowTestHost : IAsyncDisposable
{
    readonly ServiceProvider _services;

    WorkflowTestHost(ServiceProvider services, string folder, FakeTimeProvider clock)
    {
        _services = services;
        Folder = folder;
        Clock = clock;
    }

    public string Folder { get; }
    public FakeTimeProvider Clock { get; }
    public IServiceProvider Services => _services;
    public WorkflowRuntime Runtime => _services.GetRequiredService<WorkflowRuntime>();
    public WorkflowDefinitionService Definitions => _services.GetRequiredService<WorkflowDefinitionService>();
    public IInstanceQueries Instances => _services.GetRequiredService<IInstanceQueries>();
    public ITaskStore TaskStore => _services.GetRequiredService<ITaskStore>();
    public ITimerStore Timers => _services.GetRequiredService<ITimerStore>();
    public WorkflowInstanceView View => _services.GetRequiredService<WorkflowInstanceView>();

    public static async Task<WorkflowTestHost> CreateAsync(Dictionary<string, string?>? settings = null, string? folder = null, Action<IServiceCollection>? configure = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Workflows:RunTimers"] = "false" })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<Justice.Casework.Cases.IStaffDirectory>(new StaffOfEveryRole())
            .AddSingleton<Casework.Processes.PlannedSamplingSeeds>()
            .AddSingleton<Justice.Casework.Cases.SamplingSeeds>(sp => sp.GetRequiredService<Casework.Processes.PlannedSamplingSeeds>())
            .AddJusticeWorkflows(configuration, $"Data Source={Path.Combine(folder, "workflows.db")}")
            .AddJusticeCasework(configuration, $"Data Source={Path.Combine(folder, "workflows.db")}");
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.MigrateWorkflowDatabaseAsync();
        await provider.MigrateCaseworkDatabaseAsync();
        return new WorkflowTestHost(provider, folder, clock);
    }

    /// <summary>Imports and publishes a definition; fails the test when it does not validate.</summary>
    public async Task<string> PublishAsync(JsonObject definition)
    {
        var result = await Definitions.ImportAsync(definition.ToJsonString(), publish: true);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => $"{e.Code} {e.Path} {e.Message}")));
        return result.DefinitionId!;
    }

    public async Task<WorkflowInstanceRecord> RunAsync(JsonObject definition, JsonObject? input = null, string? correlationId = null)
    {
        var id = await PublishAsync(definition);
        return (await Runtime.StartAsync(id, input, correlationId))!;
    }

    public async Task<JsonObject> ViewAsync(string instanceId) => (await View.GetAsync(instanceId))!;

    /// <summary>The journal as "activityId:Event" lines.</summary>
    public async Task<List<string>> JournalAsync(string instanceId) =>
        (await Instances.GetJournalAsync(instanceId)).Select(j => $"{j.ActivityId}:{j.Event}").ToList();

    public async Task<List<string>> WrittenLinesAsync(string instanceId) =>
        (await Instances.GetJournalAsync(instanceId))
            .Where(j => j.ActivityType == "Elsa.WriteLine" && j.Event == "Completed")
            .Select(j => JsonNode.Parse(j.DataJson)!["text"]!.GetValue<string>()).ToList();

    public async Task<JsonNode?> VariableAsync(string instanceId, string name)
    {
        var record = await Instances.FindAsync(instanceId);
        return WorkflowState.Deserialize(record!.StateJson).Variables.GetValueOrDefault(name);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>The process tests' roster: every address is an active account holding every staff role.</summary>
public sealed class StaffOfEveryRole : Justice.Casework.Cases.IStaffDirectory
{
    static readonly string[] Roles = ["secretary", "arbitrator", "director", "notary", "notary-assistant", "notary-head", "legalaid-officer", "legalaid-head",
        "legalaid-provider", "verifier", "credit-officer", "reviewer", "supervisor"];

    public Task<Justice.Casework.Cases.StaffMember?> FindAsync(string email, CancellationToken cancellationToken = default) =>
        Task.FromResult<Justice.Casework.Cases.StaffMember?>(new(email, email, Roles, true));
}
