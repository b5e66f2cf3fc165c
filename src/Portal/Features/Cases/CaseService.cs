using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Portal.Data;
using Justice.Portal.Features.Instances;

namespace Justice.Portal.Features.Cases;

/// <summary>
/// The cases feature's one way into the casework: the case list, the case file and its notes, the flow diagram of its
/// first instance and the names of the people in it. The case pages and the cases API both go through here.
/// </summary>
public sealed class CaseService(CaseQueries queries, CaseNotes notes, DiagramLoader diagrams, StaffNames staffNames)
{
    /// <summary>The cases the viewer may see that match the query, a page at a time.</summary>
    public Task<(IReadOnlyList<CaseListItem> Items, int TotalCount)> ListAsync(CaseViewer viewer, CaseListQuery query, CancellationToken cancellationToken = default) =>
        queries.ListAsync(viewer, query, cancellationToken);

    /// <summary>The case file; null when there is no such case, <see cref="UnauthorizedAccessException"/> when the viewer may not see it.</summary>
    public Task<CaseDetails?> GetAsync(CaseViewer viewer, string caseId, CancellationToken cancellationToken = default) =>
        queries.GetAsync(viewer, caseId, cancellationToken);

    /// <summary>Adds a note to the case's timeline (staff who may change the case).</summary>
    public Task<CaseEntry> AddNoteAsync(CaseViewer viewer, string caseId, string text, CancellationToken cancellationToken = default) =>
        notes.AddAsync(viewer, caseId, text, cancellationToken);

    /// <summary>The flow diagram of an instance of the case, with the path it took; null when it cannot be drawn.</summary>
    public async Task<FlowDiagram?> DiagramAsync(string instanceId, CancellationToken cancellationToken = default) =>
        (await diagrams.LoadAsync(instanceId, cancellationToken))?.Diagram;

    /// <summary>The staff accounts' full names by address, for the addresses that have one.</summary>
    public Task<IReadOnlyDictionary<string, string>> StaffNamesAsync(IEnumerable<string?> addresses, CancellationToken cancellationToken = default) =>
        staffNames.NamesAsync(addresses, cancellationToken);
}
