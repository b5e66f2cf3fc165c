using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Runtime.Stores;

/// <summary>Finds the bookmarks a stimulus resumes.</summary>
public interface IBookmarkStore
{
    Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>Bookmarks with a hash, optionally only those of instances with a correlation id or of one instance.</summary>
    Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string hash, string? correlationId, string? instanceId, CancellationToken cancellationToken = default);
}
