using Microsoft.Data.Sqlite;

namespace Justice.Portal.Data;

/// <summary>Where the portal keeps its data and finds its shipped files, wherever it is started from.</summary>
public static class PortalPaths
{
    public const string DefaultConnectionString = "Data Source=App_Data/justice.db";

    /// <summary>
    /// The content root: the working folder when it holds the portal's settings (<c>dotnet run</c>, a started
    /// publish folder), otherwise the folder of the binaries, so that <c>dotnet /srv/portal/Justice.Portal.dll</c>
    /// started from anywhere finds its settings and keeps its data beside them.
    /// </summary>
    public static string ContentRoot()
    {
        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) || !File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            ? current
            : AppContext.BaseDirectory;
    }

    /// <summary>The connection string with a relative SQLite file resolved against the content root (its folder created).</summary>
    public static string ResolveConnectionString(string? connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString ?? DefaultConnectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            if (!Path.IsPathRooted(builder.DataSource))
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }

    /// <summary>The folder of the database file: data-protection keys are kept beside it.</summary>
    public static string DataFolder(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return Path.GetDirectoryName(source) is { Length: > 0 } folder ? folder : AppContext.BaseDirectory;
    }

    /// <summary>A shipped folder (workflow-definitions, templates): next to the binaries, else up from the content root.</summary>
    public static string ShippedFolder(string name, string contentRoot)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, name);
        if (Directory.Exists(beside))
            return beside;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(candidate))
                return candidate;
        }
        return beside;
    }
}
