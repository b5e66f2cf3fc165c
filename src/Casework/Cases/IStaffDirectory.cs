namespace Justice.Casework.Cases;

/// <summary>A staff account as the case and task rules see it: active (confirmed, not locked) and its roles.</summary>
public sealed record StaffMember(string Email, string DisplayName, IReadOnlyCollection<string> Roles, bool Active);

/// <summary>The accounts of the bureau, looked up by e-mail (the portal answers from its Identity store).</summary>
public interface IStaffDirectory
{
    Task<StaffMember?> FindAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Several accounts at once (a page of tasks, the candidates of a task): those found, by lower-case address.</summary>
    async Task<IReadOnlyDictionary<string, StaffMember>> FindManyAsync(IEnumerable<string> emails, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, StaffMember>(StringComparer.Ordinal);
        foreach (var email in emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim().ToLowerInvariant()).Distinct())
        {
            if (await FindAsync(email, cancellationToken) is { } member)
                found[email] = member;
        }
        return found;
    }
}

/// <summary>Knows nobody: without the portal's accounts no task can be handed to anyone.</summary>
public sealed class NoStaffDirectory : IStaffDirectory
{
    public Task<StaffMember?> FindAsync(string email, CancellationToken cancellationToken = default) => Task.FromResult<StaffMember?>(null);
}
