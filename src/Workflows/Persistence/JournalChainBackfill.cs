using Justice.Workflows.Common;
using Justice.Workflows.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Justice.Workflows.Persistence;

/// <summary>
/// Journals written before the chain existed get it once, at migration: every instance without a journal head (only
/// those: a burst always leaves one) has its entries linked in sequence and its head set, all in one transaction, so an
/// upgraded database verifies clean (docs/engine.md §8).
/// </summary>
internal static class JournalChainBackfill
{
    public static async Task<int> RunAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Instances.AnyAsync(i => i.JournalHead == null, cancellationToken))
            return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var ids = await db.Instances.Where(i => i.JournalHead == null).Select(i => i.Id).ToListAsync(cancellationToken);
        await using var entry = connection.CreateCommand();
        entry.Transaction = transaction.GetDbTransaction();
        entry.CommandText = """UPDATE "Journal" SET "PreviousHash" = @previous, "Hash" = @hash WHERE "InstanceId" = @instance AND "Sequence" = @sequence""";
        var (previous, hash, instance, sequence) = (Add(entry, "@previous"), Add(entry, "@hash"), Add(entry, "@instance"), Add(entry, "@sequence"));
        await using var head = connection.CreateCommand();
        head.Transaction = entry.Transaction;
        head.CommandText = """UPDATE "WorkflowInstances" SET "JournalHead" = @head WHERE "Id" = @instance""";
        var (headValue, headInstance) = (Add(head, "@head"), Add(head, "@instance"));
        foreach (var id in ids)
        {
            var last = HashChain.Genesis;
            foreach (var record in await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync(cancellationToken))
            {
                previous.Value = last;
                last = record.Link(last);
                (hash.Value, instance.Value, sequence.Value) = (last, id, record.Sequence);
                await entry.ExecuteNonQueryAsync(cancellationToken);
            }
            (headValue.Value, headInstance.Value) = (last, id);
            await head.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    static System.Data.Common.DbParameter Add(System.Data.Common.DbCommand command, string name)
    {
        InstanceRows.AddParameter(command, name, null);
        return command.Parameters[^1];
    }
}
