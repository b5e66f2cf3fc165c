using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Runtime;
/// <summary>Moving running instances to another version of their definition.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Moves an instance to another version of its definition (Elsa's Migrate alteration), keeping its state, its
    /// bookmarks, timers and tasks: refused, with every reason, when an activity the instance waits in, runs or faulted
    /// in, or a variable holding a value, does not exist in the target. Takes the instance's turn, so that it never
    /// races a burst of the same instance; the next burst runs the target version. Null when the instance does not
    /// exist; <see cref="WorkflowConflictException"/> when another process changed it meanwhile.
    /// </summary>
    public async Task<MigrationResult?> MigrateAsync(string instanceId, int targetVersion, CancellationToken cancellationToken = default)
    {
        using var turn = await _turns.EnterAsync(instanceId, cancellationToken);
        var loaded = await _store.LoadAsync(instanceId, cancellationToken);
        if (loaded is null)
            return null;
        var (record, bookmarks) = loaded.Value;
        var fromVersion = record.DefinitionVersion;
        var source = await _definitions.GetModelAsync(record.DefinitionVersionId, cancellationToken)
            ?? throw new InvalidOperationException($"实例 {record.Id} 的流程版本 {record.DefinitionVersionId} 不存在。");
        var target = await _definitions.GetVersionModelAsync(record.DefinitionId, targetVersion, cancellationToken);
        var state = WorkflowState.Deserialize(record.StateJson);
        var refusals = InstanceMigration.CheckTarget(record.DefinitionId, targetVersion, target);
        if (refusals.Count == 0)
            refusals = InstanceMigration.Check(source, target!, state, bookmarks);
        if (refusals.Count > 0)
            return new MigrationResult(instanceId, fromVersion, targetVersion, refusals, record);
        InstanceMigration.MoveState(source, target!, state);
        record.DefinitionVersionId = target!.VersionId;
        record.DefinitionVersion = target.Version;
        var unit = new UnitOfWork();
        var context = new WorkflowExecutionContext(target, record, state, bookmarks, _services, unit, isNew: false)
        {
            CancellationToken = cancellationToken,
        };
        context.AppendJournal(target.Root, JournalEvent.Migrated, null, InstanceMigration.JournalData(source, target));
        await CommitAsync(unit, cancellationToken, turn);
        return new MigrationResult(instanceId, fromVersion, target.Version, [], context.Record);
    }

    /// <summary>
    /// Moves every instance of the definition on <paramref name="fromVersion"/> that has not ended (running, or faulted
    /// and waiting for a retry) to <paramref name="targetVersion"/>, one instance at a time: each is migrated or refused
    /// with its reasons. A target that cannot take any instance is one refusal, for none of them.
    /// </summary>
    public async Task<BulkMigrationResult> MigrateAllAsync(string definitionId, int fromVersion, int targetVersion, CancellationToken cancellationToken = default)
    {
        var target = await _definitions.GetVersionModelAsync(definitionId, targetVersion, cancellationToken);
        var refusals = InstanceMigration.CheckTarget(definitionId, targetVersion, target).ToList();
        var source = await _definitions.GetVersionModelAsync(definitionId, fromVersion, cancellationToken);
        if (source is null)
            refusals.Insert(0, new Definitions.DefinitionProblem(InstanceMigration.UnknownVersion, "$.fromVersion", null, $"流程“{definitionId}”没有版本 {fromVersion}。"));
        else if (fromVersion == targetVersion)
            refusals.Add(new Definitions.DefinitionProblem(InstanceMigration.SameVersion, "$.targetVersion", null, "起始版本与目标版本相同，无需迁移。"));
        if (refusals.Count > 0)
            return new BulkMigrationResult(refusals, []);
        var results = new List<MigrationResult>();
        foreach (var instanceId in await _queries.ListUnfinishedOnVersionAsync(source!.VersionId, cancellationToken))
        {
            try
            {
                if (await MigrateAsync(instanceId, targetVersion, cancellationToken) is { } result)
                    results.Add(result);
            }
            catch (WorkflowConflictException ex)
            {
                results.Add(new MigrationResult(instanceId, fromVersion, targetVersion,
                    [new Definitions.DefinitionProblem("conflict", null, null, $"实例在迁移时被其他操作修改（{ex.Message}），请重试。")], null));
            }
        }
        return new BulkMigrationResult([], results);
    }
}
