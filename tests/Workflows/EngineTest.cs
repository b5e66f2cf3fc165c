namespace Justice.Workflows.Tests;

/// <summary>A test class with its own engine on a fresh SQLite file.</summary>
public abstract class EngineTest : IAsyncLifetime
{
    protected WorkflowTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await WorkflowTestHost.CreateAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
