using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime;

/// <summary>
/// Moving an instance to another version of its definition, as Elsa's Migrate alteration does: what the instance holds
/// must exist in the target — every activity it waits in, runs, has faulted in or has scheduled (with the same type),
/// and every variable that holds a value. Each refusal names what is missing, for the administrator to read.
/// </summary>
public static class InstanceMigration
{
    public const string UnknownVersion = "unknown-version";
    public const string InvalidVersion = "invalid-version";
    public const string SameVersion = "same-version";
    public const string MissingActivity = "missing-activity";
    public const string ActivityTypeChanged = "activity-type-changed";
    public const string MissingVariable = "missing-variable";
    public const string VariableTypeChanged = "variable-type-changed";

    /// <summary>The codes that concern the requested version itself rather than what an instance holds.</summary>
    public static bool IsVersionProblem(string code) => code is UnknownVersion or InvalidVersion or SameVersion;

    /// <summary>Why the target version cannot take any instance (it does not exist or does not validate); empty when it can.</summary>
    public static IReadOnlyList<DefinitionProblem> CheckTarget(string definitionId, int targetVersion, WorkflowModel? target)
    {
        if (target is null)
            return [new DefinitionProblem(UnknownVersion, "$.targetVersion", null, $"流程“{definitionId}”没有版本 {targetVersion}。")];
        if (!target.IsValid)
            return [new DefinitionProblem(InvalidVersion, "$.targetVersion", null,
                $"目标版本 {targetVersion} 未通过校验（{target.Problems.Count} 个问题），不能运行实例；请先在设计器中修正。")];
        return [];
    }

    /// <summary>Why the instance cannot move from <paramref name="source"/> to <paramref name="target"/>; empty when it can.</summary>
    public static IReadOnlyList<DefinitionProblem> Check(WorkflowModel source, WorkflowModel target, WorkflowState state, IReadOnlyList<BookmarkRecord> bookmarks)
    {
        var problems = new List<DefinitionProblem>();
        if (source.VersionId == target.VersionId)
        {
            problems.Add(new DefinitionProblem(SameVersion, "$.targetVersion", null, $"实例已在版本 {target.Version} 上，无需迁移。"));
            return problems;
        }
        if (state.Expansions is { Count: > 0 } expansions)
        {
            // ParallelForEach iterations hold copies of their loop's body: both versions are seen with the same copies.
            source = source.Expand(expansions);
            target = target.Expand(expansions);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bookmark in bookmarks)
            CheckActivity(bookmark.ActivityId, "正在等待的", bookmark.Name);
        foreach (var (activityId, activity) in state.Activities)
        {
            var role = activity.Status switch
            {
                ActivityState.Waiting => "正在等待的",
                ActivityState.Running or ActivityState.Scheduled => "正在执行的",
                ActivityState.Faulted => "出现故障的",
                _ => null,
            };
            if (role is not null)
                CheckActivity(activityId, role, null);
        }
        foreach (var pending in state.PendingAtFault ?? [])
            CheckActivity(pending, "待执行的", null);
        foreach (var (name, value) in state.Variables)
        {
            if (value is null)
                continue;
            if (target.FindVariable(name) is not { } variable)
                problems.Add(new DefinitionProblem(MissingVariable, "$.variables", null,
                    $"目标版本 {target.Version} 中没有实例保存着值的变量“{name}”。"));
            else if (!Converts(value, variable))
                problems.Add(new DefinitionProblem(VariableTypeChanged, "$.variables", null,
                    $"目标版本 {target.Version} 中变量“{name}”的类型是 {variable.TypeName}{(variable.IsArray ? "[]" : "")}，实例保存的值 {Shorten(value)} 不能转换为该类型。"));
        }
        return problems;

        void CheckActivity(string activityId, string role, string? type)
        {
            if (!seen.Add(activityId))
                return;
            var held = source.Activities.GetValueOrDefault(activityId);
            var name = held?.DisplayName ?? activityId;
            type ??= held?.Type;
            if (!target.Activities.TryGetValue(Counterpart(source, target, activityId), out var moved))
                problems.Add(new DefinitionProblem(MissingActivity, null, activityId,
                    $"目标版本 {target.Version} 中没有{role}活动“{name}”（{activityId}）。"));
            else if (type is not null && moved.Type != type)
                problems.Add(new DefinitionProblem(ActivityTypeChanged, null, activityId,
                    $"目标版本 {target.Version} 中的活动“{name}”（{activityId}）类型是 {moved.Type}，不是实例{role}{type}。"));
        }
    }

    /// <summary>
    /// Carries the instance's flowchart bookkeeping over to the target: a token on a connection moves to the target's
    /// connection with the same source, port and target (connections are numbered by their place in the definition),
    /// and is dropped when the target has no such connection; variables new in the target get their initial values.
    /// </summary>
    public static void MoveState(WorkflowModel source, WorkflowModel target, WorkflowState state)
    {
        if (state.Expansions is { Count: > 0 } expansions)
        {
            source = source.Expand(expansions);
            target = target.Expand(expansions);
        }
        if (source.Root.Id != target.Root.Id)
        {
            // The root flowchart is the same activity under another id: what the instance knows of it moves over.
            if (state.Activities.Remove(source.Root.Id, out var root))
                state.Activities[target.Root.Id] = root;
            foreach (var token in state.FlowTokens ?? [])
            {
                if (token.Scope == source.Root.Id)
                    token.Scope = target.Root.Id;
            }
        }
        var tokens = new Dictionary<string, char>(StringComparer.Ordinal);
        foreach (var (key, value) in state.Tokens)
        {
            if (Translate(key) is { } moved)
                tokens[moved] = value;
        }
        state.Tokens = tokens;
        foreach (var (joinId, arrived) in state.FiredJoins.ToList())
        {
            var scope = target.ParentOf(joinId);
            var sourceScope = source.ParentOf(joinId);
            if (scope is null || sourceScope is null)
            {
                state.FiredJoins.Remove(joinId);
                continue;
            }
            state.FiredJoins[joinId] = arrived.Select(i => sourceScope.Connections.FirstOrDefault(c => c.Index == i))
                .Select(c => c is null ? null : Match(scope, c)).OfType<FlowConnection>().Select(c => c.Index).ToList();
        }
        foreach (var variable in target.Variables)
        {
            if (!state.Variables.ContainsKey(variable.Name))
                state.Variables[variable.Name] = variable.Value?.DeepClone();
        }

        string? Translate(string key)
        {
            var slash = key.LastIndexOf('/');
            if (slash < 0 || !int.TryParse(key.AsSpan(slash + 1), out var index))
                return null;
            var scopeId = key[..slash];
            var targetScopeId = Counterpart(source, target, scopeId);
            if (source.Activities.GetValueOrDefault(scopeId) is not Flowchart from || target.Activities.GetValueOrDefault(targetScopeId) is not Flowchart to)
                return null;
            var connection = from.Connections.FirstOrDefault(c => c.Index == index);
            return connection is not null && Match(to, connection) is { } matched ? $"{targetScopeId}/{matched.Index}" : null;
        }
    }

    static bool Converts(JsonNode value, VariableDefinition variable)
    {
        try
        {
            Expressions.ValueConverter.Convert(value, TypeNames.Resolve(variable.TypeName, variable.IsArray));
            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    static string Shorten(JsonNode value)
    {
        var text = value.ToJsonString(Common.WorkflowJson.Compact);
        return text.Length <= 40 ? text : text[..40] + "…";
    }

    /// <summary>The id an activity has in the target: its own, except the root flowchart, which is the target's root whatever its id.</summary>
    static string Counterpart(WorkflowModel source, WorkflowModel target, string activityId) =>
        activityId == source.Root.Id ? target.Root.Id : activityId;

    static FlowConnection? Match(Flowchart scope, FlowConnection connection) =>
        scope.Connections.FirstOrDefault(c => c.Source == connection.Source && c.SourcePort == connection.SourcePort && c.Target == connection.Target);

    /// <summary>What the journal keeps of a migration.</summary>
    public static JsonObject JournalData(WorkflowModel source, WorkflowModel target) => new()
    {
        ["fromVersion"] = source.Version,
        ["toVersion"] = target.Version,
        ["fromVersionId"] = source.VersionId,
        ["toVersionId"] = target.VersionId,
    };
}

/// <summary>The outcome of migrating one instance: migrated, or refused with the reasons.</summary>
public sealed record MigrationResult(string InstanceId, int FromVersion, int ToVersion, IReadOnlyList<DefinitionProblem> Refusals, WorkflowInstanceRecord? Instance)
{
    public bool Migrated => Refusals.Count == 0;
}

/// <summary>The outcome of migrating the instances of a version: refused as a whole (the versions), or one result per instance.</summary>
public sealed record BulkMigrationResult(IReadOnlyList<DefinitionProblem> Refusals, IReadOnlyList<MigrationResult> Instances)
{
    public int MigratedCount => Instances.Count(i => i.Migrated);
    public int RefusedCount => Instances.Count(i => !i.Migrated);
}
