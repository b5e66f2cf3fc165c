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

/// <summary>The real engine on a real database (a SQLite file in a temporary folder, or PostgreSQL: <see cref="TestDatabase"/>), with a fake clock.</summary>
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

    /// <summary>The host's connection string (its provider: the settings' <c>Workflows:Provider</c>, else the test run's).</summary>
    public string ConnectionString { get; private init; } = "";

    /// <summary>Whether the host runs on PostgreSQL.</summary>
    public bool IsPostgres => !ConnectionString.StartsWith("Data Source=", StringComparison.Ordinal);

    /// <summary>Runs a statement on a connection of its own, as someone editing the database behind the system's back would; returns the rows changed.</summary>
    public async Task<int> ExecuteSqlAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using System.Data.Common.DbConnection connection = IsPostgres
            ? new Npgsql.NpgsqlConnection(ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection($"{ConnectionString};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<WorkflowTestHost> CreateAsync(Dictionary<string, string?>? settings = null, string? folder = null, Action<IServiceCollection>? configure = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "justice-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Workflows:RunTimers"] = "false" })
            .AddInMemoryCollection(TestDatabase.Settings)
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        var connectionString = TestDatabase.ConnectionString(folder, provider: configuration["Workflows:Provider"]);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<Justice.Casework.Cases.IStaffDirectory>(new StaffOfEveryRole())
            .AddSingleton<Casework.Processes.PlannedSamplingSeeds>()
            .AddSingleton<Justice.Casework.Cases.SamplingSeeds>(sp => sp.GetRequiredService<Casework.Processes.PlannedSamplingSeeds>())
            .AddJusticeWorkflows(configuration, connectionString)
            .AddJusticeCasework(configuration, connectionString);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.MigrateWorkflowDatabaseAsync();
        await provider.MigrateCaseworkDatabaseAsync();
        return new WorkflowTestHost(provider, folder, clock) { ConnectionString = connectionString };
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
        TestDatabase.Release(ConnectionString);
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
