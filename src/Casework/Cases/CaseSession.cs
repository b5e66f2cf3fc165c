using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Cases;

/// <summary>
/// The case changes of one unit of work (one stimulus): activities read cases through it, seeing their own
/// changes, and everything they change is written in the burst's transaction — or not at all.
/// </summary>
public sealed class CaseSession(ICaseStore store, TimeProvider clock, IStaffDirectory? staff = null) : IBurstEffect
{
    readonly Dictionary<string, string?> _names = new(StringComparer.OrdinalIgnoreCase);

    readonly Dictionary<string, CaseRecord> _cases = new(StringComparer.Ordinal);
    readonly Dictionary<string, long> _loadedRevisions = new(StringComparer.Ordinal);
    readonly HashSet<string> _newCases = new(StringComparer.Ordinal);
    readonly HashSet<string> _modifiedCases = new(StringComparer.Ordinal);
    readonly List<object> _added = [];
    readonly List<object> _modified = [];
    readonly List<NumberReservation> _reservations = [];
    readonly Dictionary<string, List<CaseParty>> _parties = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<CaseMember>> _members = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<CasePeriod>> _periods = new(StringComparer.Ordinal);

    public DateTimeOffset Now => clock.GetUtcNow();

    public IReadOnlyList<NumberReservation> Reservations => _reservations;

    /// <summary>The case as this unit sees it; throws when it does not exist.</summary>
    public async Task<CaseRecord> GetAsync(string caseId, CancellationToken cancellationToken = default)
    {
        if (_cases.TryGetValue(caseId, out var known))
            return known;
        var loaded = await store.FindAsync(caseId, cancellationToken)
            ?? throw new WorkflowFaultException("unknown-case", $"案件“{caseId}”不存在。");
        _cases[caseId] = loaded;
        _loadedRevisions[caseId] = loaded.Revision;
        return loaded;
    }

    /// <summary>The case, or null when the id names no case (a process not about a case).</summary>
    public async Task<CaseRecord?> FindAsync(string caseId, CancellationToken cancellationToken = default)
    {
        if (_cases.TryGetValue(caseId, out var known))
            return known;
        var loaded = await store.FindAsync(caseId, cancellationToken);
        if (loaded is not null)
        {
            _cases[caseId] = loaded;
            _loadedRevisions[caseId] = loaded.Revision;
        }
        return loaded;
    }

    public CaseRecord Create(CaseRecord record)
    {
        record.CreatedAt = record.UpdatedAt = Now;
        record.Revision = 1;
        _cases[record.Id] = record;
        _newCases.Add(record.Id);
        _parties[record.Id] = [];
        _members[record.Id] = [];
        _periods[record.Id] = [];
        return record;
    }

    /// <summary>Marks a case changed (saved with a revision check).</summary>
    public void Update(CaseRecord record)
    {
        record.UpdatedAt = Now;
        if (!_newCases.Contains(record.Id))
            _modifiedCases.Add(record.Id);
    }

    public async Task<IReadOnlyList<CaseParty>> PartiesAsync(string caseId, CancellationToken cancellationToken = default) =>
        await ListAsync(_parties, caseId, () => store.GetPartiesAsync(caseId, cancellationToken));

    public async Task<IReadOnlyList<CaseMember>> MembersAsync(string caseId, CancellationToken cancellationToken = default) =>
        await ListAsync(_members, caseId, () => store.GetMembersAsync(caseId, cancellationToken));

    public async Task<IReadOnlyList<CasePeriod>> PeriodsAsync(string caseId, CancellationToken cancellationToken = default) =>
        await ListAsync(_periods, caseId, () => store.GetPeriodsAsync(caseId, cancellationToken));

    static async Task<List<T>> ListAsync<T>(Dictionary<string, List<T>> cache, string caseId, Func<Task<IReadOnlyList<T>>> load)
    {
        if (!cache.TryGetValue(caseId, out var list))
            cache[caseId] = list = [.. await load()];
        return list;
    }

    public async Task AddPartyAsync(CaseParty party)
    {
        (await ListAsync(_parties, party.CaseId, () => store.GetPartiesAsync(party.CaseId))).Add(party);
        _added.Add(party);
    }

    /// <summary>
    /// The name a person is printed under: the staff directory's name of the account when it has one, else the name
    /// given, else the address (a person outside the bureau's accounts).
    /// </summary>
    public async Task<string> PersonNameAsync(string email, string? given = null, CancellationToken cancellationToken = default)
    {
        var address = email.Trim();
        if (!_names.TryGetValue(address, out var known))
        {
            var member = staff is null || address.Length == 0 ? null : await staff.FindAsync(address, cancellationToken);
            _names[address] = known = member is not null && IsName(member.DisplayName, address) ? member.DisplayName.Trim() : null;
        }
        return known ?? (IsName(given, address) ? given!.Trim() : address);
    }

    static bool IsName(string? name, string address) =>
        !string.IsNullOrWhiteSpace(name) && !string.Equals(name.Trim(), address, StringComparison.OrdinalIgnoreCase) && !name.Contains('@');

    /// <summary>Adds a member; its name comes from the staff directory (see <see cref="PersonNameAsync"/>).</summary>
    public async Task AddMemberAsync(CaseMember member)
    {
        member.DisplayName = await PersonNameAsync(member.UserEmail, member.DisplayName);
        member.Since = Now;
        (await ListAsync(_members, member.CaseId, () => store.GetMembersAsync(member.CaseId))).Add(member);
        _added.Add(member);
    }

    public async Task AddPeriodAsync(CasePeriod period)
    {
        period.UpdatedAt = Now;
        (await ListAsync(_periods, period.CaseId, () => store.GetPeriodsAsync(period.CaseId))).Add(period);
        _added.Add(period);
    }

    /// <summary>Marks a member or period loaded through this session as changed.</summary>
    public void Modify(object entity)
    {
        if (entity is CasePeriod period)
            period.UpdatedAt = Now;
        if (!_added.Contains(entity) && !_modified.Contains(entity))
            _modified.Add(entity);
    }

    /// <summary>Documents, services, timeline entries, notifications and outbox messages: written once, never changed.</summary>
    public void Add(object entity) => _added.Add(entity);

    /// <summary>A line on the case's timeline.</summary>
    public CaseEntry Log(string caseId, string kind, string title, string? actor = null, JsonObject? data = null)
    {
        var entry = new CaseEntry
        {
            Id = Ulid.NewId(Now),
            CaseId = caseId,
            At = Now,
            Actor = actor,
            Kind = kind,
            Title = title,
            DataJson = data?.ToJsonString(WorkflowJson.Compact) ?? "{}",
        };
        _added.Add(entry);
        return entry;
    }

    /// <summary>Reserves the next number of a series; the returned token stands for it until the commit.</summary>
    public string ReserveNumber(string seriesKey, string format)
    {
        var reservation = new NumberReservation(NumberReservation.NewToken(), seriesKey, format);
        _reservations.Add(reservation);
        return reservation.Token;
    }

    public void ResolveTokens(IReadOnlyDictionary<string, string> numbers)
    {
        if (numbers.Count == 0)
            return;
        string? R(string? text) => text is null ? null : InstanceChanges.Replace(text, numbers);
        foreach (var record in _cases.Values)
        {
            record.Number = R(record.Number);
            record.Title = R(record.Title)!;
            record.FieldsJson = R(record.FieldsJson)!;
        }
        foreach (var entity in _added)
        {
            switch (entity)
            {
                case CaseDocument d:
                    d.Number = R(d.Number);
                    d.Title = R(d.Title)!;
                    d.Html = R(d.Html)!;
                    d.Sha256 = Documents.DocumentHash.Of(d.Html);
                    break;
                case CaseEntry e:
                    e.Title = R(e.Title)!;
                    e.DataJson = R(e.DataJson)!;
                    break;
                case Notification n:
                    n.Title = R(n.Title)!;
                    n.Body = R(n.Body)!;
                    break;
                case OutboxMessage o:
                    o.Subject = R(o.Subject)!;
                    o.Body = R(o.Body)!;
                    break;
            }
        }
    }

    /// <summary>Draws the next value of each reserved series in the burst's transaction (rolled back with it: no gaps).</summary>
    public async ValueTask<IReadOnlyDictionary<string, string>> DrawNumbersAsync(BurstTransaction transaction, CancellationToken cancellationToken)
    {
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reservation in _reservations)
            numbers[reservation.Token] = reservation.FormatNumber(await NumberReservation.DrawAsync(transaction, reservation.SeriesKey, cancellationToken));
        return numbers;
    }

    public ValueTask WriteAsync(BurstTransaction transaction, CancellationToken cancellationToken) =>
        store.WriteAsync(transaction, Apply, cancellationToken);

    void Apply(CaseworkDbContext db)
    {
        foreach (var id in _newCases)
            db.Cases.Add(_cases[id]);
        foreach (var id in _modifiedCases)
        {
            var record = _cases[id];
            var entry = db.Cases.Attach(record);
            entry.Property(c => c.Revision).OriginalValue = _loadedRevisions[id];
            record.Revision = _loadedRevisions[id] + 1;
            entry.State = EntityState.Modified;
        }
        foreach (var entity in _added)
            db.Add(entity);
        foreach (var entity in _modified)
            db.Update(entity);
    }
}

/// <summary>Activities reach the unit's case session through their context.</summary>
public static class CaseSessionExtensions
{
    public static CaseSession Cases(this ActivityExecutionContext context) =>
        context.Workflow.Unit.GetOrAddEffect(() => new CaseSession(
            context.GetRequiredService<ICaseStore>(), context.Workflow.Clock,
            context.GetService<IStaffDirectory>()));
}
