using Justice.Workflows.Persistence;
using Justice.Casework.Calendar;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Cases;

public sealed record CaseListQuery(string? Kind, string? Search, string? Stage, DateOnly? From, DateOnly? To, string? Status, int Page, int PageSize,
    string Sort = "filedOn", bool Descending = true);

public sealed record CaseListItem(string Id, string? Number, string Kind, string Title, string Stage, string Status, string? Outcome, DateOnly? FiledOn,
    IReadOnlyList<string> Parties, DateOnly? NextDue, bool IsDemo);

/// <summary>A running period as people read it: its last day and what is left, in the unit the law counts.</summary>
/// <summary>A period as the case page shows it; <c>Provisional</c>: its last day was counted through a year without official holiday data.</summary>
public sealed record PeriodView(string Id, string Code, string Label, string Unit, int Amount, DateOnly StartOn, DateOnly DueOn, string Status, int Remaining, string? PauseReason,
    bool Provisional = false);

public sealed record CaseDetails(CaseRecord Case, IReadOnlyList<CaseParty> Parties, IReadOnlyList<CaseMember> Members, IReadOnlyList<PeriodView> Periods,
    IReadOnlyList<CaseDocument> Documents, IReadOnlyList<DocumentService> Services, IReadOnlyList<CaseEntry> Timeline, IReadOnlyList<HumanTaskRecord> OpenTasks,
    IReadOnlyList<WorkflowInstanceRecord> Instances);

/// <summary>Case lists and files for the people allowed to see them (the rules are <see cref="CaseAccess"/>).</summary>
public sealed class CaseQueries(IDbContextFactory<CaseworkDbContext> factory, StatutoryCalendar calendar, TimeProvider clock)
{
    /// <summary>
    /// The cases a viewer may see, written so that SQLite answers it from indexes: whole kinds by role, commitment
    /// cases by the office that used them, and the viewer's own cases as <c>Id IN (…)</c> over covering indexes of
    /// relations and parties (an OR of such terms becomes a union of index lookups, not a scan with a probe per row).
    /// </summary>
    static IQueryable<CaseRecord> Visible(CaseworkDbContext db, CaseViewer viewer)
    {
        var cases = db.Cases.AsNoTracking();
        var kinds = CaseAccess.KindsSeenInFull(viewer).ToList();
        var offices = CaseAccess.KindRoles.Where(k => k.Value.Any(viewer.Has)).Select(k => k.Key).ToList();
        if (viewer.Email?.ToLowerInvariant() is not { Length: > 0 } email)
            return cases.Where(c => kinds.Contains(c.Kind) || (c.Kind == CaseKinds.Commitment && offices.Contains(c.ParentKind!)));
        var related = db.CaseMembers.Where(m => m.UserEmail == email && m.Active).Select(m => m.CaseId);
        var party = db.CaseParties.Where(p => p.UserEmail == email).Select(p => p.CaseId);
        var agent = db.CaseParties.Where(p => p.AgentEmail == email).Select(p => p.CaseId);
        return cases.Where(c => kinds.Contains(c.Kind) || (c.Kind == CaseKinds.Commitment && offices.Contains(c.ParentKind!))
            || related.Contains(c.Id) || party.Contains(c.Id) || agent.Contains(c.Id));
    }

    public async Task<(IReadOnlyList<CaseListItem> Items, int TotalCount)> ListAsync(CaseViewer viewer, CaseListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cases = Visible(db, viewer);
        if (!string.IsNullOrWhiteSpace(query.Kind))
            cases = cases.Where(c => c.Kind == query.Kind);
        if (!string.IsNullOrWhiteSpace(query.Stage))
            cases = cases.Where(c => c.Stage == query.Stage);
        if (!string.IsNullOrWhiteSpace(query.Status))
            cases = cases.Where(c => c.Status == query.Status);
        if (query.From is { } from)
            cases = cases.Where(c => c.FiledOn >= from);
        if (query.To is { } to)
            cases = cases.Where(c => c.FiledOn <= to);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            if (db.Database.IsPostgres())
            {
                // PostgreSQL answers a LIKE '%…%' from its trigram indexes on numbers, titles and party names.
                var pattern = $"%{text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
                var byName = db.CaseParties.Where(p => EF.Functions.Like(p.Name, pattern, "\\")).Select(p => p.CaseId);
                cases = cases.Where(c => EF.Functions.Like(c.Number!, pattern, "\\") || EF.Functions.Like(c.Title, pattern, "\\") || byName.Contains(c.Id));
            }
            else
            {
                // Numbers and titles are checked in the list index itself; party names come from their own narrow index.
                var byParty = db.CaseParties.Where(p => p.Name.Contains(text)).Select(p => p.CaseId);
                cases = cases.Where(c => (c.Number != null && c.Number.Contains(text)) || c.Title.Contains(text) || byParty.Contains(c.Id));
            }
        }
        var total = await cases.CountAsync(cancellationToken);
        cases = (query.Sort, query.Descending) switch
        {
            ("number", false) => cases.OrderBy(c => c.Number).ThenBy(c => c.Id),
            ("number", true) => cases.OrderByDescending(c => c.Number).ThenByDescending(c => c.Id),
            ("stage", false) => cases.OrderBy(c => c.Stage).ThenBy(c => c.Id),
            ("stage", true) => cases.OrderByDescending(c => c.Stage).ThenByDescending(c => c.Id),
            ("updatedAt", false) => cases.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
            ("updatedAt", true) => cases.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
            (_, false) => cases.OrderBy(c => c.FiledOn).ThenBy(c => c.Id),
            _ => cases.OrderByDescending(c => c.FiledOn).ThenByDescending(c => c.Id),
        };
        // The page's ids come from the indexes alone; only the page's rows are read.
        var ids = await cases.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(c => c.Id).ToListAsync(cancellationToken);
        var rows = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.Kind, c.Title, c.Stage, c.Status, c.Outcome, c.FiledOn, c.IsDemo })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var parties = await db.CaseParties.AsNoTracking().Where(p => ids.Contains(p.CaseId)).OrderBy(p => p.Ordinal).Select(p => new { p.CaseId, p.Name }).ToListAsync(cancellationToken);
        var dues = await db.CasePeriods.AsNoTracking().Where(p => ids.Contains(p.CaseId) && p.Status == PeriodStatus.Running)
            .GroupBy(p => p.CaseId).Select(g => new { CaseId = g.Key, Due = g.Min(p => p.DueOn) }).ToListAsync(cancellationToken);
        var items = ids.Select(id => rows[id]).Select(c => new CaseListItem(c.Id, c.Number, c.Kind, c.Title, c.Stage, c.Status, c.Outcome, c.FiledOn,
            parties.Where(p => p.CaseId == c.Id).Select(p => p.Name).ToList(), dues.FirstOrDefault(d => d.CaseId == c.Id)?.Due, c.IsDemo)).ToList();
        return (items, total);
    }

    /// <summary>The figures of a dashboard, over the cases the viewer may see (the supervisor's over every case: counts, no file).</summary>
    public async Task<CaseStatistics> StatisticsAsync(CaseViewer viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cases = CaseAccess.FiguresOfAll.Any(viewer.Has) ? db.Cases.AsNoTracking() : Visible(db, viewer);
        var today = calendar.Today(clock.GetUtcNow());
        var stages = await cases.Where(c => c.Status == CaseStatus.Open).GroupBy(c => new { c.Kind, c.Stage })
            .Select(g => new StageCount(g.Key.Kind, g.Key.Stage, g.Count())).ToListAsync(cancellationToken);
        var since = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var closed = await cases.Where(c => c.ClosedOn >= since).Select(c => new { c.Kind, c.ClosedOn }).ToListAsync(cancellationToken);
        var months = Enumerable.Range(0, 12).Select(i => since.AddMonths(i)).ToList();
        var closedPerMonth = months.Select(m => new MonthCount($"{m:yyyy-MM}", closed.Count(c => c.ClosedOn!.Value.Year == m.Year && c.ClosedOn.Value.Month == m.Month))).ToList();
        var visibleIds = cases.Select(c => c.Id);
        var certificates = await db.CaseDocuments.CountAsync(d => d.Template == "notary/certificate" && visibleIds.Contains(d.CaseId), cancellationToken);
        var verified = await cases.CountAsync(c => c.Kind == CaseKinds.Commitment && (c.Outcome == "核查属实" || c.Outcome == "承诺不实"), cancellationToken);
        var falseCommitments = await cases.CountAsync(c => c.Kind == CaseKinds.Commitment && c.Outcome == "承诺不实", cancellationToken);
        var now = clock.GetUtcNow();
        var overdue = await db.HumanTasks.Where(t => t.Status == HumanTaskRecord.Open && (t.IsOverdue || t.DueAt < now) && t.CaseId != null && visibleIds.Contains(t.CaseId))
            .CountAsync(cancellationToken);
        return new CaseStatistics(stages, closedPerMonth, overdue, certificates, verified, falseCommitments);
    }

    /// <summary>The case file, or null when it does not exist; <see cref="UnauthorizedAccessException"/> when the viewer may not see it.</summary>
    public async Task<CaseDetails?> GetAsync(CaseViewer viewer, string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var record = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (record is null)
            return null;
        var parties = await db.CaseParties.AsNoTracking().Where(p => p.CaseId == caseId).OrderBy(p => p.Ordinal).ToListAsync(cancellationToken);
        var members = await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == caseId).OrderBy(m => m.Since).ToListAsync(cancellationToken);
        if (!CaseAccess.CanSee(viewer, record, parties, members))
            throw new UnauthorizedAccessException("无权查看该案件。");
        var today = calendar.Today(clock.GetUtcNow());
        var periods = (await db.CasePeriods.AsNoTracking().Where(p => p.CaseId == caseId).OrderBy(p => p.StartOn).ThenBy(p => p.Id).ToListAsync(cancellationToken))
            .Select(p => View(p, today)).ToList();
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.IssuedAt).ThenBy(d => d.Id).ToListAsync(cancellationToken);
        var services = await db.DocumentServices.AsNoTracking().Where(s => s.CaseId == caseId).ToListAsync(cancellationToken);
        // Notes and the records of verification draws are for the staff: parties read the file's events, not them.
        var staff = CaseAccess.IsStaff(viewer);
        var timeline = await db.CaseEntries.AsNoTracking().Where(e => e.CaseId == caseId && (staff || !CaseEntryKinds.StaffOnly.Contains(e.Kind)))
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var instances = await db.Instances.AsNoTracking().Where(i => i.CorrelationId == caseId).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        var instanceIds = instances.Select(i => i.Id).ToList();
        var tasks = await db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskRecord.Open && (t.CaseId == caseId || instanceIds.Contains(t.InstanceId))).ToListAsync(cancellationToken);
        if (!staff)
        {
            foreach (var party in parties.Where(p => !string.Equals(p.UserEmail, viewer.Email, StringComparison.OrdinalIgnoreCase)))
                party.IdNumber = party.IdNumber is null ? null : Documents.ChineseFormat.MaskId(party.IdNumber);
            // Who was drawn to verify is part of the draw, which parties do not read.
            var verifiers = members.Where(m => m.Relation == CaseRelations.Verifier).Select(m => m.UserEmail).ToHashSet(StringComparer.OrdinalIgnoreCase);
            members = [.. members.Where(m => m.Relation != CaseRelations.Verifier)];
            foreach (var task in tasks.Where(t => t.Assignee is { } a && verifiers.Contains(a)))
                task.Assignee = null;
        }
        return new CaseDetails(record, parties, members, periods, documents, services, timeline, tasks, instances);
    }

    public PeriodView View(CasePeriod p, DateOnly today)
    {
        var unit = PeriodUnits.Parse(p.Unit);
        var remaining = p.Status == PeriodStatus.Paused ? p.RemainingWhenPaused ?? 0 : calendar.Remaining(today, p.DueOn, unit == PeriodUnit.WorkingDays ? unit : PeriodUnit.Days);
        return new PeriodView(p.Id, p.Code, p.Label, p.Unit, p.Amount, p.StartOn, p.DueOn, p.Status, remaining, p.PauseReason,
            p.Status != PeriodStatus.Paused && calendar.IsProvisional(p.StartOn, p.DueOn));
    }

    /// <summary>Whether the viewer may see the case an instance belongs to (instances and journals follow their case).</summary>
    public async Task<bool> CanSeeInstanceAsync(CaseViewer viewer, WorkflowInstanceRecord instance, CancellationToken cancellationToken = default)
    {
        if (CaseAccess.InstanceReaders.Any(viewer.Has))
            return true;
        if (instance.CorrelationId is null)
            return false;
        try
        {
            return await GetAsync(viewer, instance.CorrelationId, cancellationToken) is not null;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Public verification of a notarial certificate by its number or its document id (from the QR code).</summary>
    public async Task<CertificateStatus> VerifyAsync(string numberOrDocumentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var document = await db.CaseDocuments.AsNoTracking()
            .Where(d => d.Template == "notary/certificate" && (d.Number == numberOrDocumentId || d.Id == numberOrDocumentId))
            .FirstOrDefaultAsync(cancellationToken);
        if (document is null)
            return new CertificateStatus("unknown", numberOrDocumentId, null, null, null);
        var record = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == document.CaseId, cancellationToken);
        var fields = System.Text.Json.Nodes.JsonNode.Parse(record.FieldsJson);
        var office = System.Text.Json.Nodes.JsonNode.Parse(record.RuleSetJson ?? "{}")?["office"]?["name"]?.GetValue<string>();
        return new CertificateStatus(CertificateState(fields), document.Number ?? numberOrDocumentId,
            fields?["matter"]?.GetValue<string>(), calendar.Today(document.IssuedAt), office);
    }

    /// <summary>revoked (void from the beginning), partially-revoked (the revoked part is void), corrected, or valid.</summary>
    static string CertificateState(System.Text.Json.Nodes.JsonNode? fields) =>
        fields?["revoked"]?.GetValue<bool>() == true ? "revoked"
        : fields?["partiallyRevoked"]?.GetValue<bool>() == true ? "partially-revoked"
        : fields?["corrected"]?.GetValue<bool>() == true ? "corrected"
        : "valid";

    /// <summary>
    /// The public notices of revoked and partly revoked certificates (公告): what a notice carries — the certificate's number,
    /// the matter, the office, the date and number of the decision — and nothing about the parties. Newest first.
    /// </summary>
    public async Task<IReadOnlyList<RevocationNotice>> RevocationNoticesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.Kind == "notary" && (c.FieldsJson.Contains("\"revoked\":true") || c.FieldsJson.Contains("\"partiallyRevoked\":true")))
            .ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToList();
        var decisions = await db.CaseDocuments.AsNoTracking()
            .Where(d => ids.Contains(d.CaseId) && (d.Template == "notary/revocation-decision" || d.Template == "notary/partial-revocation-decision"))
            .ToListAsync(cancellationToken);
        var notices = new List<RevocationNotice>();
        foreach (var record in cases)
        {
            var fields = System.Text.Json.Nodes.JsonNode.Parse(record.FieldsJson);
            var state = CertificateState(fields);
            if (state is not ("revoked" or "partially-revoked") || fields?["certificateNumber"]?.GetValue<string>() is not { } number)
                continue;
            var decision = decisions.Where(d => d.CaseId == record.Id).OrderBy(d => d.IssuedAt).LastOrDefault();
            var revokedOn = DateOnly.TryParse(fields?["revokedOn"]?.GetValue<string>(), out var on) ? on : decision is null ? (DateOnly?)null : calendar.Today(decision.IssuedAt);
            var office = System.Text.Json.Nodes.JsonNode.Parse(record.RuleSetJson ?? "{}")?["office"]?["name"]?.GetValue<string>();
            notices.Add(new RevocationNotice(number, fields?["matter"]?.GetValue<string>(), office, revokedOn, decision?.Number, state == "partially-revoked"));
        }
        return [.. notices.OrderByDescending(n => n.RevokedOn).ThenBy(n => n.CertificateNumber, StringComparer.Ordinal)];
    }
}

public sealed record StageCount(string Kind, string Stage, int Count);

public sealed record MonthCount(string Month, int Count);

public sealed record CaseStatistics(IReadOnlyList<StageCount> OpenByStage, IReadOnlyList<MonthCount> ClosedPerMonth, int OverdueTasks,
    int CertificatesIssued, int CommitmentsVerified, int CommitmentsFalse);

/// <summary>One revocation as the public notice gives it; <c>Partial</c>: only part of the certificate was revoked.</summary>
public sealed record RevocationNotice(string CertificateNumber, string? Matter, string? Office, DateOnly? RevokedOn, string? DecisionNumber, bool Partial);

public sealed record CertificateStatus(string Status, string Number, string? Matter, DateOnly? IssuedOn, string? Office);
