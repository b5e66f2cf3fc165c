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

    /// <summary>Whether the portal runs on PostgreSQL (<c>Workflows:Provider</c>).</summary>
    public static bool IsPostgres(IConfiguration configuration) =>
        Justice.Workflows.Runtime.WorkflowOptions.NormalizeProvider(configuration["Workflows:Provider"]) == Justice.Workflows.Runtime.WorkflowOptions.PostgresProvider;

    /// <summary>
    /// The database's connection string (<c>ConnectionStrings:Justice</c>): on SQLite with a relative file resolved against
    /// the content root (its folder created); on PostgreSQL as configured, and required.
    /// </summary>
    public static string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Justice");
        if (IsPostgres(configuration))
            return string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException("Workflows:Provider=Postgres 需要配置 ConnectionStrings:Justice（例如 Host=localhost;Database=justice;Username=justice;Password=…）。")
                : configured;
        var builder = new SqliteConnectionStringBuilder(configured ?? DefaultConnectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            if (!Path.IsPathRooted(builder.DataSource))
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }

    /// <summary>
    /// The folder of the portal's files (uploaded materials, the signing key ring, development mail): <c>Portal:DataFolder</c>
    /// when set — several nodes on one PostgreSQL share it —, else the SQLite database's folder, else <c>App_Data</c>.
    /// </summary>
    public static string DataFolder(IConfiguration configuration, string contentRoot)
    {
        if (configuration["Portal:DataFolder"] is { Length: > 0 } configured)
            return Path.GetFullPath(Path.Combine(contentRoot, configured));
        if (!IsPostgres(configuration))
        {
            var source = new SqliteConnectionStringBuilder(ResolveConnectionString(configuration, contentRoot)).DataSource;
            if (Path.GetDirectoryName(source) is { Length: > 0 } folder)
                return folder;
        }
        return Path.Combine(contentRoot, "App_Data");
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
