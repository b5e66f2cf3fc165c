using System.Data.Common;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;

namespace Justice.Workflows.Persistence.Stores;

/// <summary>Bookmarks by id, or by hash with the correlation or instance they belong to.</summary>
public sealed class EfBookmarkStore(IDbContextFactory<WorkflowDbContext> factory) : IBookmarkStore
{
    public async Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken);
    }

    public async Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string hash, string? correlationId, string? instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var sql = new System.Text.StringBuilder($"""SELECT {InstanceRows.BookmarkSelect} FROM "Bookmarks" AS b WHERE b."Hash" = @hash""");
        InstanceRows.AddParameter(command, "@hash", hash);
        if (instanceId is not null)
        {
            sql.Append(""" AND b."InstanceId" = @instance""");
            InstanceRows.AddParameter(command, "@instance", instanceId);
        }
        if (correlationId is not null)
        {
            sql.Append(""" AND EXISTS (SELECT 1 FROM "WorkflowInstances" AS i WHERE i."Id" = b."InstanceId" AND i."CorrelationId" = @correlation)""");
            InstanceRows.AddParameter(command, "@correlation", correlationId);
        }
        sql.Append(""" ORDER BY b."CreatedAt", b."Id" """);
        command.CommandText = sql.ToString();
        WorkflowMetrics.Reads.Add(1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bookmarks = new List<BookmarkRecord>();
        while (await reader.ReadAsync(cancellationToken))
            bookmarks.Add(InstanceRows.ReadBookmark(reader));
        return bookmarks;
    }

    /// <summary>
    /// Group commit: bursts that arrive while a transaction is being written queue up and are written together in
    /// the next transaction, each inside its own savepoint, so that one burst losing a race (or failing) is rolled
    /// back alone. A burst's task completes only after the transaction holding it has committed.
}
