using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Runtime;

/// <summary>
/// Starts and resumes instances. Every stimulus (start, event, timer, task completion, hand-off, cancel) is one
/// burst per instance, saved in one transaction; a bookmark is consumed exactly once.
/// </summary>
public sealed partial class WorkflowRuntime : IWorkflowHost
{
    readonly IInstanceStore _store;
    readonly IBookmarkStore _bookmarks;
    readonly ITimerStore _timers;
    readonly IInstanceQueries _queries;
    readonly IReadOnlyList<IOverdueEffects> _overdueEffects;
    readonly IWorkflowModels _definitions;
    readonly ILogger<WorkflowRuntime> _logger;
    readonly WorkflowBurstServices _services;
    readonly TimeProvider _clock;
    readonly InstanceTurns _turns = new();

    /// <summary>The per-instance turns that keep a migration and a burst of the same instance apart.</summary>
    internal InstanceTurns Turns => _turns;

    public WorkflowRuntime(IInstanceStore store, IBookmarkStore bookmarks, ITimerStore timers, IInstanceQueries queries, IWorkflowModels definitions,
        ExpressionEvaluator evaluator, TimeProvider clock, IServiceProvider services, IOptions<WorkflowOptions> options, ILogger<WorkflowRuntime> logger,
        IEnumerable<IOverdueEffects>? overdueEffects = null)
    {
        _store = store;
        _bookmarks = bookmarks;
        _timers = timers;
        _queries = queries;
        _overdueEffects = overdueEffects?.ToList() ?? [];
        _definitions = definitions;
        _logger = logger;
        _clock = clock;
        _services = new WorkflowBurstServices(services, evaluator, clock, this, options.Value.MaxStepsPerBurst, options.Value.Scripts.MaxValueBytes);
    }

    /// <summary>Raised after a unit of work committed, with the ids of the instances it saved.</summary>
    public event Action<IReadOnlyList<WorkflowInstanceRecord>>? Committed;

    /// <summary>Raised when a commit scheduled a timer, so the timer service can wake up early.</summary>
    public event Action<DateTimeOffset>? TimerScheduled;

    /// <summary>Starts the published version of a definition; null when none is published.</summary>
    public Task<WorkflowInstanceRecord?> StartAsync(string definitionId, JsonObject? input, string? correlationId, CancellationToken cancellationToken = default) =>
        StartAsync(definitionId, input, correlationId, null, cancellationToken);

    /// <summary>
    /// Starts the published version of a definition and, once it has run and before its burst is committed, lets
    /// <paramref name="beforeCommit"/> add to the burst (through the unit's effects): what it adds is written in the
    /// instance's own transaction, or not at all. Null when none is published.
    /// </summary>
    public Task<WorkflowInstanceRecord?> StartAsync(string definitionId, JsonObject? input, string? correlationId,
        Func<WorkflowExecutionContext, CancellationToken, ValueTask>? beforeCommit, CancellationToken cancellationToken = default) =>
        StartAsync(definitionId, input, correlationId, null, null, beforeCommit, cancellationToken);

    /// <summary>
    /// Starts the published version of a definition through one of its trigger activities, handing the burst
    /// <paramref name="items"/> (see <see cref="WorkflowExecutionContext.Items"/>). Null when none is published.
    /// </summary>
    public Task<WorkflowInstanceRecord?> StartAsync(string definitionId, string? correlationId, WorkflowTrigger trigger, IDictionary<string, object>? items,
        CancellationToken cancellationToken = default) =>
        StartAsync(definitionId, null, correlationId, trigger, items, null, cancellationToken);

    /// <summary>The trigger activity (an HTTP endpoint, a cron) runs first and receives the trigger's input.</summary>
    async Task<WorkflowInstanceRecord?> StartAsync(string definitionId, JsonObject? input, string? correlationId, WorkflowTrigger? trigger,
        IDictionary<string, object>? items, Func<WorkflowExecutionContext, CancellationToken, ValueTask>? beforeCommit, CancellationToken cancellationToken)
    {
        var model = await _definitions.GetPublishedModelAsync(definitionId, cancellationToken);
        if (model is null)
            return null;
        var unit = new UnitOfWork();
        var context = CreateInstance(model, input ?? [], correlationId, null, unit);
        context.CancellationToken = cancellationToken;
        context.Trigger = trigger;
        if (items is not null)
            context.Items = items;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await new FlowchartInterpreter(context, _services.MaxSteps).StartAsync();
        WorkflowMetrics.RunTime.Record(WorkflowMetrics.Since(started));
        if (beforeCommit is not null)
            await beforeCommit(context, cancellationToken);
        await CommitAsync(unit, cancellationToken);
        return context.Record;
    }

    WorkflowExecutionContext CreateInstance(WorkflowModel model, JsonObject input, string? correlationId, ParentLink? parent, UnitOfWork unit, string? parentInstanceId = null)
    {
        var now = _clock.GetUtcNow();
        var record = new WorkflowInstanceRecord
        {
            Id = Ulid.NewId(now),
            DefinitionId = model.DefinitionId,
            DefinitionVersionId = model.VersionId,
            DefinitionVersion = model.Version,
            CorrelationId = correlationId,
            Status = WorkflowStatus.Running,
            SubStatus = WorkflowSubStatus.Executing,
            ParentInstanceId = parentInstanceId ?? parent?.InstanceId,
            InputJson = input.ToJsonString(WorkflowJson.Compact),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var state = new WorkflowState { Parent = parent };
        foreach (var variable in model.Variables)
            state.Variables[variable.Name] = variable.Value?.DeepClone();
        return new WorkflowExecutionContext(model, record, state, [], _services, unit, isNew: true);
    }

    public async ValueTask<WorkflowExecutionContext> RunChildAsync(WorkflowExecutionContext parent, string definitionId, JsonObject input,
        string? correlationId, ParentLink? parentLink, CancellationToken cancellationToken)
    {
        var model = await _definitions.GetPublishedModelAsync(definitionId, cancellationToken)
            ?? throw new WorkflowFaultException("unknown-definition", $"子流程“{definitionId}”没有已发布的版本。");
        var child = CreateInstance(model, input, correlationId ?? parent.CorrelationId, parentLink, parent.Unit, parent.InstanceId);
        child.CancellationToken = cancellationToken;
        await new FlowchartInterpreter(child, _services.MaxSteps).StartAsync();
        return child;
    }

    /// <summary>How deep workflow activities may nest within one burst (a definition that uses itself stops here).</summary>
    const int MaxWorkflowActivityDepth = 16;

    public async ValueTask<WorkflowExecutionContext> RunWorkflowActivityAsync(WorkflowExecutionContext parent, string definitionId, string versionId, JsonObject input,
        ParentLink parentLink, CancellationToken cancellationToken)
    {
        var depth = 0;
        for (var current = parent; current.Record.ParentInstanceId is { } up && parent.Unit.Contexts.FirstOrDefault(c => c.InstanceId == up) is { } next; current = next)
        {
            if (++depth >= MaxWorkflowActivityDepth)
                throw new WorkflowFaultException("workflow-activity-depth", $"流程“{definitionId}”作为活动嵌套超过 {MaxWorkflowActivityDepth} 层，可能引用了自身。");
        }
        var model = await _definitions.GetModelAsync(versionId, cancellationToken)
            ?? await _definitions.GetPublishedModelAsync(definitionId, cancellationToken)
            ?? await _definitions.GetLatestModelAsync(definitionId, cancellationToken)
            ?? throw new WorkflowFaultException("unknown-definition", $"流程“{definitionId}”不存在（版本 {versionId} 亦不存在）。");
        var child = CreateInstance(model, input, parent.CorrelationId, parentLink, parent.Unit, parent.InstanceId);
        child.CancellationToken = cancellationToken;
        await new FlowchartInterpreter(child, _services.MaxSteps).StartAsync();
        return child;
    }

    public async ValueTask<bool> EndInstanceAsync(WorkflowExecutionContext current, string instanceId, CancellationToken cancellationToken)
    {
        if (current.Unit.Contexts.Any(c => c.InstanceId == instanceId) || await _store.LoadAsync(instanceId, cancellationToken) is not { } loaded)
            return false;
        var (record, bookmarks) = loaded;
        if (record.Status != WorkflowStatus.Running)
            return false;
        var model = await _definitions.GetModelAsync(record.DefinitionVersionId, cancellationToken)
            ?? throw new InvalidOperationException($"流程版本 {record.DefinitionVersionId} 不存在。");
        var context = new WorkflowExecutionContext(model, record, WorkflowState.Deserialize(record.StateJson), bookmarks, _services, current.Unit, isNew: false)
        {
            CancellationToken = cancellationToken,
        };
        new FlowchartInterpreter(context, _services.MaxSteps).Cancel();
        return true;
    }

    /// <summary>
    /// Resumes one bookmark with an input. Throws <see cref="WorkflowConflictException"/> when the bookmark was
    /// consumed by someone else (or its instance no longer runs); returns null when the bookmark does not exist.
    /// </summary>
    public async Task<WorkflowInstanceRecord?> ResumeAsync(string bookmarkId, JsonNode? input, HumanTaskRecord? completedTask = null, CancellationToken cancellationToken = default)
    {
        var bookmark = await _bookmarks.FindBookmarkAsync(bookmarkId, cancellationToken);
        return bookmark is null ? null : await ResumeAsync(bookmark, input, completedTask, cancellationToken);
    }

    /// <summary>
    /// Resumes one bookmark with an input, handing the burst <paramref name="items"/> (see <see cref="WorkflowExecutionContext.Items"/>)
    /// that the caller reads once the burst committed.
    /// </summary>
    public async Task<WorkflowInstanceRecord?> ResumeWithItemsAsync(string bookmarkId, JsonNode? input, IDictionary<string, object> items, CancellationToken cancellationToken = default)
    {
        var bookmark = await _bookmarks.FindBookmarkAsync(bookmarkId, cancellationToken);
        return bookmark is null ? null : await ResumeAsync(bookmark, input, null, cancellationToken, items);
    }

    /// <summary>Resumes every Elsa.Event bookmark waiting for the event (by correlation id or instance id when given).</summary>
    public async Task<IReadOnlyList<string>> TriggerEventAsync(string eventName, string? correlationId, string? instanceId, JsonNode? input, CancellationToken cancellationToken = default)
    {
        var hash = WorkflowExecutionContext.BookmarkHash("Elsa.Event", eventName);
        var bookmarks = await _bookmarks.FindBookmarksAsync(hash, correlationId, instanceId, cancellationToken);
        var resumed = new List<string>();
        foreach (var bookmark in bookmarks)
        {
            try
            {
                if (await ResumeAsync(bookmark, input?.DeepClone(), null, cancellationToken) is { } instance)
                    resumed.Add(instance.Id);
            }
            catch (WorkflowFaultedException)
            {
                // The instance waits for an administrator: the event is kept and delivered once it runs again.
                await _timers.AddTimerAsync(new TimerRecord
                {
                    Id = $"event:{bookmark.Id}:{Ulid.NewId(_clock.GetUtcNow())}",
                    BookmarkId = bookmark.Id,
                    InstanceId = bookmark.InstanceId,
                    DueAt = _clock.GetUtcNow(),
                    InputJson = input?.ToJsonString(WorkflowJson.Compact),
                }, cancellationToken);
            }
            catch (WorkflowConflictException)
            {
                // Someone else consumed it first: exactly once means not us.
            }
        }
        return resumed.Distinct().ToList();
    }

    /// <summary>Cancels a running instance with its bookmarks, timers and tasks; null when unknown; conflict when finished.</summary>
    public async Task<WorkflowInstanceRecord?> CancelAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using var turn = await _turns.EnterAsync(instanceId, cancellationToken);
        var loaded = await _store.LoadAsync(instanceId, cancellationToken);
        if (loaded is null)
            return null;
        var (record, bookmarks) = loaded.Value;
        if (record.Status == WorkflowStatus.Finished && record.SubStatus != WorkflowSubStatus.Faulted)
            throw new WorkflowConflictException($"实例已结束（{record.SubStatus}），不能取消。");
        var model = await _definitions.GetModelAsync(record.DefinitionVersionId, cancellationToken)
            ?? throw new InvalidOperationException($"流程版本 {record.DefinitionVersionId} 不存在。");
        var unit = new UnitOfWork();
        var context = new WorkflowExecutionContext(model, record, WorkflowState.Deserialize(record.StateJson), bookmarks, _services, unit, isNew: false);
        new FlowchartInterpreter(context, _services.MaxSteps).Cancel();
        await CommitAsync(unit, cancellationToken, turn);
        return context.Record;
    }

    /// <summary>
    /// Retries the faulted activity of a faulted instance: null when the instance does not exist;
    /// <see cref="WorkflowConflictException"/> when the instance is not faulted, the activity is not the one that
    /// faulted, or the instance is a sub-process whose fault was already handed to its parent.
    /// </summary>
    public async Task<WorkflowInstanceRecord?> RetryAsync(string instanceId, string activityId, CancellationToken cancellationToken = default)
    {
        using var turn = await _turns.EnterAsync(instanceId, cancellationToken);
        var loaded = await _store.LoadAsync(instanceId, cancellationToken);
        if (loaded is null)
            return null;
        var (record, bookmarks) = loaded.Value;
        if (record.SubStatus != WorkflowSubStatus.Faulted)
            throw new WorkflowConflictException($"实例不处于故障状态（{record.SubStatus}），无需重试。");
        var model = await _definitions.GetModelAsync(record.DefinitionVersionId, cancellationToken)
            ?? throw new InvalidOperationException($"流程版本 {record.DefinitionVersionId} 不存在。");
        var state = WorkflowState.Deserialize(record.StateJson);
        if (state.FaultHandedOff)
            throw new WorkflowConflictException("子流程的故障已交回等待它的父流程处理，不能单独重试；请在父流程中处理。");
        if (!(state.Expansions is { Count: > 0 } expansions ? model.Expand(expansions) : model).Activities.ContainsKey(activityId))
            throw new KeyNotFoundException($"流程版本中没有活动“{activityId}”。");
        if (!state.Activities.TryGetValue(activityId, out var activityState) || activityState.Status != ActivityState.Faulted)
            throw new WorkflowConflictException($"活动“{activityId}”没有故障，不能重试。");
        var unit = new UnitOfWork();
        var context = new WorkflowExecutionContext(model, record, state, bookmarks, _services, unit, isNew: false)
        {
            CancellationToken = cancellationToken,
        };
        await new FlowchartInterpreter(context, _services.MaxSteps).RetryAsync(activityId);
        await CommitAsync(unit, cancellationToken, turn);
        // Timers and events that came due while it was faulted were kept: deliver them now.
        if (context.Record.Status == WorkflowStatus.Running)
        {
            await _timers.ReleaseTimersAsync(instanceId, cancellationToken);
            await ProcessDueTimersAsync(TimeSpan.FromMinutes(1), cancellationToken: cancellationToken, instanceIds: [instanceId]);
            return await _queries.FindAsync(instanceId, cancellationToken) ?? context.Record;
        }
        return context.Record;
    }

    /// <summary>
    /// Saves the unit in one transaction; the instance's <paramref name="turn"/> ends once it is saved, before what the
    /// commit makes due runs (which may resume the same instance).
    /// </summary>
    async Task CommitAsync(UnitOfWork unit, CancellationToken cancellationToken, IDisposable? turn = null)
    {
        var now = _clock.GetUtcNow();
        foreach (var context in unit.Contexts)
        {
            context.Record.UpdatedAt = now;
            context.Record.StateJson = context.State.Serialize();
            context.Record.OutputJson = context.Output.ToJsonString(WorkflowJson.Compact);
        }
        var committing = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await _store.CommitAsync(unit.Contexts.Select(c => c.Changes).ToList(), unit.Effects, cancellationToken);
        }
        catch (WorkflowConflictException)
        {
            WorkflowMetrics.Conflicts.Add(1);
            throw;
        }
        WorkflowMetrics.CommitTime.Record(WorkflowMetrics.Since(committing));
        WorkflowMetrics.Bursts.Add(unit.Contexts.Count);
        WorkflowMetrics.Commits.Add(1);
        turn?.Dispose();
        Committed?.Invoke(unit.Contexts.Select(c => c.Record).ToList());
        await AfterCommitAsync(unit, cancellationToken);
    }

    /// <summary>What a commit makes due at once: hand-offs to waiting parents, timers already past, and published events.</summary>
    async Task AfterCommitAsync(UnitOfWork unit, CancellationToken cancellationToken)
    {
        var timers = unit.Contexts.SelectMany(c => c.Changes.AddedTimers).ToList();
        foreach (var timer in timers.Where(t => t.DueAt <= _clock.GetUtcNow()))
        {
            try
            {
                // A task created with its deadline already past (re-entered after its period ran out) is overdue; it
                // is not resumed, which would complete it with no decision.
                if (timer.Kind == TimerKinds.MarkOverdue)
                {
                    await MarkOverdueAsync(timer, cancellationToken);
                    continue;
                }
                var input = timer.InputJson is null ? null : JsonNode.Parse(timer.InputJson);
                await ResumeAsync(timer.BookmarkId, input, null, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The timer row stays; the timer service delivers it.
                _logger.LogWarning(ex, "交接 {TimerId} 将由定时服务重试", timer.Id);
            }
        }
        if (timers.Count > 0)
            TimerScheduled?.Invoke(timers.Min(t => t.DueAt));
        foreach (var published in unit.PublishedEvents)
        {
            try
            {
                await TriggerEventAsync(published.EventName, published.CorrelationId, published.InstanceId, published.Payload, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "事件 {EventName} 投递失败", published.EventName);
            }
        }
    }
}
