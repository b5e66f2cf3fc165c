using System.Text.Json.Nodes;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Demo;

/// <summary>One demo case driven through the real engine: started, its tasks completed as staff would, its time moved on.</summary>
public sealed class DemoFlow(IServiceProvider services)
{
    readonly WorkflowRuntime _runtime = services.GetRequiredService<WorkflowRuntime>();
    readonly TaskService _tasks = services.GetRequiredService<TaskService>();
    readonly IInstanceQueries _instances = services.GetRequiredService<IInstanceQueries>();
    readonly ITaskStore _taskStore = services.GetRequiredService<ITaskStore>();

    public string InstanceId { get; private set; } = "";
    public string CaseId { get; private set; } = "";

    public async Task StartAsync(string definitionId, JsonObject input, CancellationToken cancellationToken)
    {
        var instance = await _runtime.StartAsync(definitionId, input, null, cancellationToken)
            ?? throw new InvalidOperationException($"流程“{definitionId}”没有已发布的版本。");
        InstanceId = instance.Id;
        CaseId = instance.CorrelationId ?? "";
        Check(instance, definitionId);
    }

    /// <summary>This instance and the sub-processes it started (and theirs).</summary>
    async Task<List<string>> FamilyAsync(CancellationToken cancellationToken)
    {
        var family = new List<string> { InstanceId };
        for (var i = 0; i < family.Count; i++)
            family.AddRange((await _instances.GetChildrenAsync(family[i], cancellationToken)).Select(c => c.Id));
        return family;
    }

    public async Task CompleteAsync(string activityId, string outcome, TaskUser user, JsonObject? data = null, CancellationToken cancellationToken = default)
    {
        var family = await FamilyAsync(cancellationToken);
        var task = (await _taskStore.GetOpenTasksAsync(family, cancellationToken)).FirstOrDefault(t => t.ActivityId == activityId)
            ?? throw new InvalidOperationException($"演示案件 {CaseId} 没有待办任务“{activityId}”。");
        switch (await _tasks.CompleteAsync(task.Id, user, outcome, "演示数据", data, cancellationToken))
        {
            case TaskCompletion.Completed done:
                Check(done.Instance, activityId);
                break;
            case var other:
                throw new InvalidOperationException($"演示案件 {CaseId} 的任务“{activityId}”未能完成：{other}");
        }
    }

    /// <summary>Lets time pass for this case only: its own timers fire, no other case's.</summary>
    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        DemoClock.Advance(by);
        while (await _runtime.ProcessDueTimersAsync(TimeSpan.FromMinutes(5), 100, cancellationToken, await FamilyAsync(cancellationToken)) > 0)
        {
        }
    }

    void Check(Justice.Workflows.Runtime.State.WorkflowInstanceRecord instance, string step)
    {
        if (instance.SubStatus == WorkflowSubStatus.Faulted)
            throw new InvalidOperationException($"演示案件 {CaseId} 在“{step}”处出错（实例 {instance.Id}）。");
    }
}
