namespace Justice.Portal.Components.Account;

/// <summary>
/// Return addresses taken from the request (ReturnUrl, redirectUri) lead back into the portal only: a path of this
/// site, never another host (<c>https://…</c>, <c>//host</c>, <c>/\host</c>, which browsers read as <c>//host</c>).
/// </summary>
public static class LocalUrl
{
    /// <summary>True for <c>/inbox</c>, <c>/cases/1?tab=2</c>; false for other hosts, backslashes and control characters.</summary>
    public static bool IsLocalPath(string? url) =>
        url is ['/', ..]
        && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Contains('\\')
        && !url.Any(char.IsControl);

    /// <summary>A base-relative address (<c>Account/Manage</c>, <c>/inbox</c>) that stays in the portal.</summary>
    public static bool IsBaseRelative(string? url) =>
        url is not null
        && Uri.IsWellFormedUriString(url, UriKind.Relative)
        && IsLocalPath(url.StartsWith('/') ? url : "/" + url);
}
