namespace Justice.Workflows.Activities.Http;

/// <summary>
/// Route templates of HTTP endpoints (<c>orders/{id}</c>): normalised without leading or trailing slashes; a
/// <c>{name}</c> (or <c>{name:constraint}</c>) segment matches one path segment, other segments match case-insensitively.
/// </summary>
public static class HttpRoute
{
    /// <summary>The longest path an endpoint or a request may have.</summary>
    public const int MaxLength = 400;

    public static string Normalize(string? path) => (path ?? "").Trim().Trim('/');

    /// <summary>The stimulus of an endpoint's bookmark: its normalised template, lower case.</summary>
    public static string Stimulus(string template) => Normalize(template).ToLowerInvariant();

    /// <summary>The route values when <paramref name="path"/> matches <paramref name="template"/>; null otherwise.</summary>
    public static Dictionary<string, string>? Match(string template, string path)
    {
        var templateSegments = Normalize(template).Split('/');
        var pathSegments = Normalize(path).Split('/');
        if (templateSegments.Length != pathSegments.Length)
            return null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < templateSegments.Length; i++)
        {
            var t = templateSegments[i];
            var p = pathSegments[i];
            if (t.Length > 2 && t[0] == '{' && t[^1] == '}')
            {
                if (p.Length == 0)
                    return null;
                var name = t[1..^1].Split(':')[0].TrimStart('*');
                values[name] = Uri.UnescapeDataString(p);
            }
            else if (!string.Equals(t, p, StringComparison.OrdinalIgnoreCase))
                return null;
        }
        return values;
    }

    /// <summary>Whether a template has route parameters (a literal path matches only itself).</summary>
    public static bool HasParameters(string template) => template.Contains('{');
}
