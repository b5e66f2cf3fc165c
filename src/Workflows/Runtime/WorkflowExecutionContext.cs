using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime;

/// <summary>
/// One instance during one burst: its definition, its row and working state, the bookmarks it holds, and the
/// changes the burst makes (saved together in one transaction).
/// </summary>
public sealed class WorkflowExecutionContext : IExpressionContext
{
    internal WorkflowExecutionContext(WorkflowModel model, WorkflowInstanceRecord record, WorkflowState state,
        IReadOnlyList<BookmarkRecord> bookmarks, WorkflowBurstServices services, UnitOfWork unit, bool isNew)
    {
        Model = state.Expansions is { Count: > 0 } expansions ? model.Expand(expansions) : model;
        Record = record;
        State = state;
        Services = services.ServiceProvider;
        Evaluator = services.Evaluator;
        Clock = services.Clock;
        Host = services.Host;
        MaxValueBytes = services.MaxValueBytes;
        Unit = unit;
        Changes = new InstanceChanges(record, isNew, record.Revision);
        LiveBookmarks = [.. bookmarks];
        Input = JsonNode.Parse(record.InputJson) as JsonObject ?? new JsonObject();
        Output = JsonNode.Parse(record.OutputJson) as JsonObject ?? new JsonObject();
        unit.Add(this);
    }

    public WorkflowModel Model { get; private set; }

    /// <summary>
    /// Gives <paramref name="owner"/> (a ParallelForEach) <paramref name="count"/> copies of its body, one per
    /// iteration, and returns them; a new run of the same loop replaces the copies of the last one.
    /// </summary>
    internal IReadOnlyList<Activity> ExpandIterations(CompositeActivity owner, int count)
    {
        var expansions = State.Expansions ??= [];
        expansions.RemoveAll(e => e.OwnerId == owner.Id);
        expansions.Add(new Expansion(owner.Id, count));
        Model = Model.WithIterations(owner, count); // adds only the copies this loop lacks, not every loop's again
        var body = owner.Children[0].Id;
        return [.. Enumerable.Range(0, count).Select(k => Model.Activities[body + WorkflowModel.IterationSuffix(k)])];
    }
    public WorkflowInstanceRecord Record { get; }
    public WorkflowState State { get; }
    public IServiceProvider Services { get; }
    public TimeProvider Clock { get; }
    public DateTimeOffset Now => Clock.GetUtcNow();
    public CancellationToken CancellationToken { get; internal set; }
    public JsonObject Input { get; }
    public JsonObject Output { get; }
    internal ExpressionEvaluator Evaluator { get; }
    /// <summary>Starts and resumes other instances (sub-processes, cases that follow from this one).</summary>
    public IWorkflowHost Host { get; }
    internal long MaxValueBytes { get; }
    /// <summary>The unit of work this burst belongs to: its effects are committed with it.</summary>
    public UnitOfWork Unit { get; }
    /// <summary>What this burst changed of the instance so far (bookmarks, timers, tasks, journal).</summary>
    public InstanceChanges Changes { get; }
    internal List<BookmarkRecord> LiveBookmarks { get; }
    internal ActivityExecutionContext? CurrentActivity { get; set; }

    /// <summary>The stimulus that started this instance through one of its trigger activities (an HTTP request, a cron tick), taken once.</summary>
    internal WorkflowTrigger? Trigger { get; set; }

    /// <summary>Objects the caller hands to this burst and reads back after it (the HTTP response being written); never saved.</summary>
    public IDictionary<string, object> Items { get; internal set; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="activity"/> is the trigger that started this instance, in the burst that started it; its
    /// input (the request, the tick) is handed out once.
    /// </summary>
    public bool TryTakeTrigger(Runtime.Model.Activity activity, out JsonNode? input)
    {
        input = null;
        if (Trigger is not { } trigger || trigger.ActivityId != activity.Id)
            return false;
        Trigger = null;
        input = trigger.Input;
        return true;
    }

    public IReadOnlyList<BookmarkRecord> Bookmarks => LiveBookmarks;

    // ---- IExpressionContext ----
    public string InstanceId => Record.Id;
    public string DefinitionId => Record.DefinitionId;
    public int DefinitionVersion => Record.DefinitionVersion;

    public string? CorrelationId
    {
        get => Record.CorrelationId;
        set => Record.CorrelationId = value;
    }

    public string? InstanceName
    {
        get => Record.Name;
        set => Record.Name = value;
    }

    public JsonNode? LastResult => State.LastResult;
    public IEnumerable<string> VariableNames => Model.Variables.Select(v => v.Name).Concat(ScopeNames()).Distinct(StringComparer.Ordinal);
    public IEnumerable<string> InputNames => Model.InputNames;

    public IEnumerable<(string ActivityName, string ActivityId, IReadOnlyList<string> OutputNames)> ActivityOutputs =>
        Model.Activities.Values
            .Select(a => (Name: a.Name, a.Id, Outputs: a is WorkflowDefinitionActivity w
                ? w.OutputBindings.Select(b => b.WorkflowOutput).ToList()
                : a.Descriptor.Outputs.Select(o => o.Name).ToList()))
            .Where(a => !string.IsNullOrEmpty(a.Name) && a.Outputs.Count > 0)
            .Select(a => (a.Name!, a.Id, (IReadOnlyList<string>)a.Outputs));

    public string? ResolveVariableName(string idOrName) =>
        ScopeHolding(idOrName) is not null ? idOrName
        : Model.FindVariable(idOrName)?.Name ?? (State.Variables.ContainsKey(idOrName) ? idOrName : null);

    /// <summary>The loop scope, from the running activity outwards, that holds the variable <paramref name="name"/>.</summary>
    JsonObject? ScopeHolding(string name)
    {
        for (var id = CurrentActivity?.Activity.Id; id is not null; id = Model.OwnerOf(id)?.Id)
        {
            if (State.Activities.TryGetValue(id, out var activity) && activity.Scope is { } scope && scope.ContainsKey(name))
                return scope;
        }
        return null;
    }

    IEnumerable<string> ScopeNames()
    {
        for (var id = CurrentActivity?.Activity.Id; id is not null; id = Model.OwnerOf(id)?.Id)
        {
            if (State.Activities.TryGetValue(id, out var activity) && activity.Scope is { } scope)
            {
                foreach (var (name, _) in scope)
                    yield return name;
            }
        }
    }

    public Type? VariableType(string name) =>
        Model.FindVariable(name) is { } definition ? CSharpEvaluator.TypeOf(definition) : null;

    public JsonNode? GetVariable(string idOrName) =>
        ScopeHolding(idOrName) is { } scope ? scope[idOrName]
        : State.Variables.GetValueOrDefault(ResolveVariableName(idOrName) ?? idOrName);

    public void SetVariable(string idOrName, JsonNode? value)
    {
        if (ScopeHolding(idOrName) is { } scope)
        {
            CheckSize(value, $"变量“{idOrName}”");
            scope[idOrName] = value?.DeepClone();
            return;
        }
        var name = ResolveVariableName(idOrName) ?? idOrName;
        if (Model.FindVariable(name) is { } definition && value is not null)
        {
            try
            {
                value = ValueConverter.ToJson(ValueConverter.Convert(value, TypeNames.Resolve(definition.TypeName, definition.IsArray)));
            }
            catch (FormatException ex)
            {
                throw new WorkflowFaultException("invalid-variable-value", $"变量“{name}”：{ex.Message}");
            }
        }
        CheckSize(value, $"变量“{name}”");
        State.Variables[name] = value;
    }

    /// <summary>Sets an output of the workflow (what a sub-process hands to its parent).</summary>
    public void SetOutput(string name, JsonNode? value)
    {
        CheckSize(value, $"流程输出“{name}”");
        Output[name] = value;
    }

    /// <summary>A value the instance would keep past <see cref="Expressions.ScriptLimits.MaxValueBytes"/> faults it instead.</summary>
    void CheckSize(JsonNode? value, string what)
    {
        if (ValueSize.Exceeds(value, MaxValueBytes))
            throw new WorkflowFaultException(ValueSize.TooLargeCode, $"{what}的值超出大小上限（{ValueSize.Describe(MaxValueBytes)}），未保存。");
    }

    public JsonNode? GetInput(string name) =>
        Input.TryGetPropertyValue(name, out var value) ? value : Input.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public JsonNode? GetOutputFrom(string activityIdOrName, string? outputName)
    {
        var activity = Model.FindByIdOrName(activityIdOrName);
        if (activity is null || !State.Activities.TryGetValue(activity.Id, out var state) || state.Outputs is null)
            return null;
        if (outputName is not null)
            return state.Outputs.GetValueOrDefault(outputName)?.DeepClone();
        return (state.Outputs.GetValueOrDefault("result") ?? state.Outputs.Values.LastOrDefault())?.DeepClone();
    }

    public void SetOutcomes(IReadOnlyList<string> outcomes)
    {
        if (CurrentActivity is not null)
            CurrentActivity.ScriptOutcomes = outcomes;
    }

    // ---- bookkeeping used by the interpreter ----
    internal void RecordOutput(string activityId, string outputName, JsonNode? value)
    {
        CheckSize(value, $"活动输出“{outputName}”");
        var state = State.Activity(activityId);
        state.Outputs ??= new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        state.Outputs[outputName] = value?.DeepClone();
        State.LastResult = value?.DeepClone();
    }

    internal void AppendJournal(Activity activity, string journalEvent, IReadOnlyList<string>? outcomes = null, JsonObject? data = null)
    {
        if (data is { Count: > 0 })
            LogPersistence.Apply(Model, activity, data);
        Changes.Journal.Add(new JournalRecord
        {
            InstanceId = Record.Id,
            Sequence = ++State.JournalSequence,
            Timestamp = Now,
            ActivityId = activity.Id,
            ActivityType = activity.Type,
            Event = journalEvent,
            OutcomesJson = outcomes is { Count: > 0 } ? JsonSerializer.Serialize(outcomes) : "[]",
            DataJson = data is { Count: > 0 } ? data.ToJsonString(WorkflowJson.Compact) : "{}",
        });
    }

    internal BookmarkRecord AddBookmark(Activity activity, BookmarkRequest request)
    {
        var bookmark = new BookmarkRecord
        {
            Id = request.Id ?? Ulid.NewId(Now),
            InstanceId = Record.Id,
            ActivityId = activity.Id,
            Name = activity.Type,
            Hash = BookmarkHash(activity.Type, request.Stimulus),
            PayloadJson = request.Payload.ToJsonString(WorkflowJson.Compact),
            CreatedAt = Now,
            HasTimer = request.ResumeAt is not null || request.MarkOverdueAt is not null,
            HasTask = request.Task is not null,
        };
        LiveBookmarks.Add(bookmark);
        Changes.AddedBookmarks.Add(bookmark);
        if (request.ResumeAt is { } at)
            Changes.AddedTimers.Add(new TimerRecord { Id = bookmark.Id, BookmarkId = bookmark.Id, InstanceId = Record.Id, DueAt = at, InputJson = request.TimerInput?.ToJsonString(WorkflowJson.Compact) });
        else if (request.MarkOverdueAt is { } overdueAt)
            Changes.AddedTimers.Add(new TimerRecord { Id = bookmark.Id, BookmarkId = bookmark.Id, InstanceId = Record.Id, DueAt = overdueAt, Kind = TimerKinds.MarkOverdue });
        if (request.Task is { } task)
        {
            Changes.AddedTasks.Add(new HumanTaskRecord
            {
                Id = bookmark.Id,
                InstanceId = Record.Id,
                DefinitionId = Record.DefinitionId,
                ActivityId = activity.Id,
                Title = task.Title,
                Instructions = task.Instructions,
                Role = task.Role,
                Assignee = task.Assignee,
                CaseId = task.CaseId,
                OutcomesJson = JsonSerializer.Serialize(task.Outcomes),
                DueAt = task.DueAt,
                CreatedAt = Now,
                CaseRelation = task.CaseRelation,
                ExcludedRelationsJson = task.ExcludedRelations is { Count: > 0 } excluded ? JsonSerializer.Serialize(excluded) : null,
                FormJson = task.Form?.ToJsonString(WorkflowJson.Compact),
                PeriodId = task.PeriodId,
                PeriodUnit = task.PeriodUnit,
            });
        }
        return bookmark;
    }

    /// <summary>Moves (or, with null, removes) the timer of a live bookmark: a paused period stops its clock.</summary>
    public void RescheduleTimer(BookmarkRecord bookmark, DateTimeOffset? dueAt, string kind)
    {
        Changes.AddedTimers.RemoveAll(t => t.Id == bookmark.Id);
        Changes.TimerReschedules.Add((bookmark.Id, dueAt));
        var input = JsonNode.Parse(bookmark.PayloadJson)?["timerInput"]?.ToJsonString(WorkflowJson.Compact);
        if (dueAt is { } at)
            Changes.AddedTimers.Add(new TimerRecord { Id = bookmark.Id, BookmarkId = bookmark.Id, InstanceId = Record.Id, DueAt = at, Kind = kind, InputJson = input });
    }

    /// <summary>The bookmark being resumed: deleted in the commit, which must find exactly that row.</summary>
    internal void ConsumeBookmark(BookmarkRecord bookmark)
    {
        LiveBookmarks.RemoveAll(b => b.Id == bookmark.Id);
        Changes.ConsumedBookmark = bookmark;
    }

    internal void RemoveBookmark(BookmarkRecord bookmark)
    {
        LiveBookmarks.Remove(bookmark);
        if (!Changes.AddedBookmarks.Remove(bookmark))
            Changes.RemovedBookmarks.Add(bookmark);
        else
        {
            Changes.AddedTimers.RemoveAll(t => t.BookmarkId == bookmark.Id);
            Changes.AddedTasks.RemoveAll(t => t.Id == bookmark.Id);
        }
    }

    internal void AddIncident(Activity activity, string? code, string? category, string message) =>
        Changes.Incidents.Add(new IncidentRecord
        {
            Id = Ulid.NewId(Now),
            InstanceId = Record.Id,
            ActivityId = activity.Id,
            ActivityType = activity.Type,
            Code = code,
            Category = category,
            Message = message,
            At = Now,
        });

    /// <summary>Hash of bookmark type and stimulus (e.g. event name), the key by which stimuli find bookmarks.</summary>
    public static string BookmarkHash(string name, string? stimulus)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{stimulus}"));
        return Convert.ToHexString(bytes, 0, 16);
    }
}
