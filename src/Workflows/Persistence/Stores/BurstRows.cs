using System.Data.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>How one burst's changes become SQL: the guarded statements that decide a race, then one batch of rows.</summary>
internal static class BurstRows
{
    /// <summary>
    /// The statements whose row count decides the race: the instance row at the revision this burst read, the
    /// bookmark it consumed, the task it completed. Any of them finding no row means another burst got there first.
    /// </summary>
    internal static async Task WriteGuardedAsync(WriteConnection writer, DbConnection connection, DbTransaction transaction, InstanceChanges change, CancellationToken cancellationToken)
    {
        var instance = change.Instance;
        if (!change.IsNew)
        {
            var update = new SqlBatch();
            update.Append($"""
                UPDATE "WorkflowInstances" SET "DefinitionVersionId" = {update.Parameter(instance.DefinitionVersionId)},
                  "DefinitionVersion" = {update.Parameter(instance.DefinitionVersion)}, "Name" = {update.Parameter(instance.Name)}, "CorrelationId" = {update.Parameter(instance.CorrelationId)},
                  "Status" = {update.Parameter(instance.Status)}, "SubStatus" = {update.Parameter(instance.SubStatus)}, "OutputJson" = {update.Parameter(instance.OutputJson)},
                  "StateJson" = {update.Parameter(instance.StateJson)}, "UpdatedAt" = {update.Parameter(instance.UpdatedAt)}, "FinishedAt" = {update.Parameter(instance.FinishedAt)},
                  "JournalHead" = {update.Parameter(instance.JournalHead)}, "Revision" = {update.Parameter(change.ExpectedRevision + 1)}
                WHERE "Id" = {update.Parameter(instance.Id)} AND "Revision" = {update.Parameter(change.ExpectedRevision)}
                """);
            if (await update.ExecuteAsync(writer, connection, transaction, cancellationToken) != 1)
                throw new WorkflowConflictException("实例已被其他操作修改。");
            instance.Revision = change.ExpectedRevision + 1;
        }
        else
        {
            instance.Revision = 1;
        }
        if (change.ConsumedBookmark is { } consumed)
        {
            var delete = new SqlBatch();
            delete.Append($"""DELETE FROM "Bookmarks" WHERE "Id" = {delete.Parameter(consumed.Id)}""");
            if (await delete.ExecuteAsync(writer, connection, transaction, cancellationToken) != 1)
                throw new WorkflowConflictException("书签已被消费。");
        }
        if (change.CompletedTask is { } task)
        {
            var complete = new SqlBatch();
            complete.Append($"""
                UPDATE "HumanTasks" SET "Status" = {complete.Parameter(HumanTaskRecord.Completed)}, "CompletedBy" = {complete.Parameter(task.CompletedBy)},
                  "CompletedAt" = {complete.Parameter(task.CompletedAt)}, "Outcome" = {complete.Parameter(task.Outcome)}, "Comment" = {complete.Parameter(task.Comment)},
                  "DataJson" = {complete.Parameter(task.DataJson)}
                WHERE "Id" = {complete.Parameter(task.Id)} AND "Status" = {complete.Parameter(HumanTaskRecord.Open)}
                """);
            if (await complete.ExecuteAsync(writer, connection, transaction, cancellationToken) != 1)
                throw new WorkflowConflictException("任务已被处理。");
        }
    }


    /// <summary>Everything else of the burst, appended to one batch.</summary>
    internal static void Append(SqlBatch batch, InstanceChanges change)
    {
        if (change.IsNew)
        {
            batch.Insert("WorkflowInstances", [change.Instance], InstanceRows.InstanceColumns, i => [i.Id, i.DefinitionId, i.DefinitionVersionId, i.DefinitionVersion, i.Name,
                i.CorrelationId, i.Status, i.SubStatus, i.ParentInstanceId, i.InputJson, i.OutputJson, i.StateJson, i.CreatedAt, i.UpdatedAt, i.FinishedAt, i.Revision, i.JournalHead]);
        }
        var closed = change.RemovedBookmarks.ToList();
        if (change.ConsumedBookmark is { } consumed)
            closed.Add(consumed);
        if (change.RemovedBookmarks.Count > 0)
            batch.AppendForList(change.RemovedBookmarks.Select(b => b.Id), ids => $"""DELETE FROM "Bookmarks" WHERE "Id" IN ({ids})""");
        // A sub-process bookmark may be resumed through a hand-off timer, so its timers go too.
        var timerBookmarks = closed.Where(b => b.HasTimer || b.Name == "Elsa.ExecuteWorkflow").Select(b => b.Id).ToList();
        if (timerBookmarks.Count > 0)
            batch.AppendForList(timerBookmarks, ids => $"""DELETE FROM "Timers" WHERE "BookmarkId" IN ({ids})""");
        var taskBookmarks = closed.Where(b => b.HasTask).Select(b => b.Id).ToList();
        if (taskBookmarks.Count > 0)
            batch.AppendForList(taskBookmarks, ids => $"""UPDATE "HumanTasks" SET "Status" = {batch.Parameter(HumanTaskRecord.Cancelled)} WHERE "Status" = {batch.Parameter(HumanTaskRecord.Open)} AND "Id" IN ({ids})""");

        batch.Insert("Bookmarks", change.AddedBookmarks, InstanceRows.BookmarkColumns, b => [b.Id, b.InstanceId, b.ActivityId, b.Name, b.Hash, b.PayloadJson, b.CreatedAt, b.HasTimer, b.HasTask]);
        if (change.TimerReschedules.Count > 0)
            batch.AppendForList(change.TimerReschedules.Select(r => r.BookmarkId).Distinct(), ids => $"""DELETE FROM "Timers" WHERE "Id" IN ({ids})""");
        foreach (var (bookmarkId, dueAt) in change.TimerReschedules)
            batch.Append($"""UPDATE "HumanTasks" SET "DueAt" = {batch.Parameter(dueAt)}, "IsOverdue" = {batch.Parameter(false)} WHERE "Id" = {batch.Parameter(bookmarkId)}""");
        batch.Insert("Timers", change.AddedTimers, InstanceRows.TimerColumns, t => [t.Id, t.BookmarkId, t.InstanceId, t.DueAt, t.InputJson, t.LeaseOwner, t.LeaseExpiresAt, t.Attempts, t.Kind]);
        batch.Insert("HumanTasks", change.AddedTasks, InstanceRows.TaskColumns, t => [t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.Instructions, t.Role, t.Assignee,
            t.CaseId, t.OutcomesJson, t.DueAt, t.CreatedAt, t.Status, t.CompletedBy, t.CompletedAt, t.Outcome, t.Comment, t.DataJson,
            t.CaseRelation, t.ExcludedRelationsJson, t.FormJson, t.PeriodId, t.PeriodUnit, t.IsOverdue]);
        batch.Insert("Journal", change.Journal, InstanceRows.JournalColumns, j => [j.InstanceId, j.Sequence, j.Timestamp, j.ActivityId, j.ActivityType, j.Event, j.OutcomesJson, j.DataJson,
            j.PreviousHash, j.Hash]);
        batch.Insert("Incidents", change.Incidents, InstanceRows.IncidentColumns, i => [i.Id, i.InstanceId, i.ActivityId, i.ActivityType, i.Code, i.Category, i.Message, i.At]);
    }
}
