using System.Text.Json.Nodes;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Workflows.Runtime;

/// <summary>Resuming one bookmark, run again when another process committed a burst of the same instance first.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>How often a resume runs again after another node changed the instance first while its bookmark still waits.</summary>
    const int MaxResumeAttempts = 8;

    async Task<WorkflowInstanceRecord?> ResumeAsync(BookmarkRecord bookmark, JsonNode? input, HumanTaskRecord? completedTask, CancellationToken cancellationToken,
        IDictionary<string, object>? items = null)
    {
        using var turn = await _turns.EnterAsync(bookmark.InstanceId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ResumeOnceAsync(bookmark, input, completedTask, items, turn, cancellationToken);
            }
            catch (WorkflowConflictException) when (attempt < MaxResumeAttempts)
            {
                // Another process (another node) committed a burst of this instance first. Its revision moved on; when
                // the bookmark is still waiting, this burst runs again on what is stored now, so the event is not lost.
                if (!await IsWaitingAsync(bookmark, cancellationToken))
                    throw;
            }
        }
    }

    async Task<bool> IsWaitingAsync(BookmarkRecord bookmark, CancellationToken cancellationToken) =>
        await _store.LoadAsync(bookmark.InstanceId, cancellationToken) is var (record, bookmarks)
        && record.Status == WorkflowStatus.Running && record.SubStatus != WorkflowSubStatus.Faulted
        && bookmarks.Any(b => b.Id == bookmark.Id);

    async Task<WorkflowInstanceRecord?> ResumeOnceAsync(BookmarkRecord bookmark, JsonNode? input, HumanTaskRecord? completedTask, IDictionary<string, object>? items,
        IDisposable turn, CancellationToken cancellationToken)
    {
        var loading = System.Diagnostics.Stopwatch.GetTimestamp();
        var loaded = await _store.LoadAsync(bookmark.InstanceId, cancellationToken)
            ?? throw new WorkflowConflictException("实例不存在。");
        WorkflowMetrics.LoadTime.Record(WorkflowMetrics.Since(loading));
        var (record, bookmarks) = loaded;
        if (record.SubStatus == WorkflowSubStatus.Faulted)
            throw new WorkflowFaultedException("流程实例出现故障，待管理员重试或取消后才能继续。");
        if (record.Status != WorkflowStatus.Running)
            throw new WorkflowConflictException($"实例已结束（{record.SubStatus}）。");
        var model = await _definitions.GetModelAsync(record.DefinitionVersionId, cancellationToken)
            ?? throw new InvalidOperationException($"实例 {record.Id} 的流程版本 {record.DefinitionVersionId} 不存在。");
        var unit = new UnitOfWork();
        var context = new WorkflowExecutionContext(model, record, WorkflowState.Deserialize(record.StateJson), bookmarks, _services, unit, isNew: false)
        {
            CancellationToken = cancellationToken,
        };
        var live = context.LiveBookmarks.FirstOrDefault(b => b.Id == bookmark.Id);
        if (live is null)
            return null;
        if (items is not null)
            context.Items = items;
        var running = System.Diagnostics.Stopwatch.GetTimestamp();
        await new FlowchartInterpreter(context, _services.MaxSteps).ResumeAsync(live, input);
        WorkflowMetrics.RunTime.Record(WorkflowMetrics.Since(running));
        context.Changes.CompletedTask = completedTask;
        await CommitAsync(unit, cancellationToken, turn);
        return context.Record;
    }
}
