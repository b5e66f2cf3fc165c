using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Justice.Workflows.Benchmarks;

/// <summary>WorkflowCore 3.22.0 with its default in-memory persistence running the equivalent workflow (WaitFor an event).</summary>
public static class WorkflowCoreBench
{
    public sealed class BenchData
    {
        public int N { get; set; }
    }

    public sealed class BenchWorkflow : IWorkflow<BenchData>
    {
        public string Id => "bench";
        public int Version => 1;

        public void Build(IWorkflowBuilder<BenchData> builder) => builder
            .StartWith(_ => ExecutionResult.Next())
            .Then(_ => ExecutionResult.Next())
            // Subscribed as of the start of time, so an event published right after the start is matched.
            .WaitFor("Go", (data, context) => context.Workflow.Id, data => DateTime.MinValue)
            .Then(_ => ExecutionResult.Next());
    }

    public static async Task<BenchResult> RunAsync(int lifecycles, int concurrency)
    {
        var services = new ServiceCollection().AddLogging().AddWorkflow().BuildServiceProvider();
        var host = services.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<BenchWorkflow, BenchData>();
        var pending = new ConcurrentDictionary<string, TaskCompletionSource>();
        services.GetRequiredService<ILifeCycleEventHub>().Subscribe(e =>
        {
            if (e is WorkflowCompleted completed && pending.TryRemove(completed.WorkflowInstanceId, out var done))
                done.TrySetResult();
        });
        await host.StartAsync(CancellationToken.None);

        async Task LifecycleAsync(int n)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var id = await host.StartWorkflow("bench", 1, new BenchData { N = n });
            pending[id] = done;
            await host.PublishEvent("Go", id, "ok");
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        for (var i = 0; i < 200; i++)
            await LifecycleAsync(i);
        var elapsed = await BenchResult.DriveAsync(lifecycles, concurrency, LifecycleAsync);
        await host.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
        Console.WriteLine($"WorkflowCore 3.22.0, in-memory: {lifecycles / elapsed.TotalSeconds:N0} lifecycles/s");
        return new BenchResult("WorkflowCore 3.22.0 (in-memory)", lifecycles, elapsed, 0);
    }
}
