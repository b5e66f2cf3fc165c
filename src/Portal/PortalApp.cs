using System.Reflection;
using Justice.Portal.Api;
using Justice.Portal.Components;
using Justice.Portal.Data;
using Justice.Portal.Features.Account;
using Justice.Portal.Localization;

namespace Justice.Portal;

/// <summary>
/// What the demo adds to the portal (demo cases made through the engine, the demo clock, the test clock API, the seed
/// command). It lives in Justice.Portal.Demo, which development and the tests run; a published portal does not have it.
/// </summary>
public interface IPortalDemo
{
    /// <summary>The demo's services (its clock, its draws, the seeder); called only in Development, with <c>Seed:Demo=true</c> or for the seed command.</summary>
    void AddServices(WebApplicationBuilder builder);

    /// <summary>The demo's endpoints (the test clock, never in Production).</summary>
    void MapEndpoints(WebApplication app);

    /// <summary>The first demo cases, once the database is ready.</summary>
    Task SeedAsync(WebApplication app, IServiceProvider services);

    /// <summary><c>seed --cases N</c>: fills the database and returns the exit code.</summary>
    Task<int> RunSeedCommandAsync(WebApplication app, string[] args);
}

/// <summary>The portal's start: settings, services, pipeline, endpoints, database, then run (or the seed or the verify-integrity command).</summary>
public static class PortalApp
{
    const string DemoAssembly = "Justice.Portal.Demo";

    public static async Task<int> RunAsync(string[] args, IPortalDemo? demo)
    {
        var seed = args is ["seed", ..];
        var verify = args is [Features.Integrity.IntegrityCommand.Verb, ..];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = seed ? [.. args.Skip(1).Where(a => !a.StartsWith("--cases") && !int.TryParse(a, out _))] : verify ? [.. args.Skip(1)] : args,
            ContentRootPath = PortalPaths.ContentRoot(),
            // The portal's name whichever program starts it: its static web assets and settings are found by it.
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
        });
        if (seed)
            builder.Configuration["seed-command"] = "true";
        string? database = null;
        if (verify)
        {
            // A check reads: no timers, no day sealing, no start-up log lines between the report's.
            builder.Configuration["Workflows:RunTimers"] = "false";
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // A mistyped path would be a new, empty database that verifies clean.
            var connectionString = PortalPaths.ResolveConnectionString(builder.Configuration, builder.Environment.ContentRootPath);
            var postgres = PortalPaths.IsPostgres(builder.Configuration);
            if (postgres)
            {
                var server = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
                database = $"{server.Host}/{server.Database}";
            }
            else
            {
                database = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            }
            if (!postgres && !File.Exists(database))
            {
                await Console.Error.WriteLineAsync($"数据库文件不存在 / database file not found: {database}");
                return 2;
            }
        }
        builder.AddPortal(demo);

        var app = builder.Build();
        app.UsePortal();

        // The portal's own Content-Security-Policy already says frame-ancestors 'none'; one policy header, not two.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAdditionalIdentityEndpoints();
        app.MapAccountApi();
        app.MapJusticeApi();
        app.MapCultureEndpoint();
        demo?.MapEndpoints(app);
        app.MapApiReference();
        app.MapHealth();

        if (verify)
        {
            // The tables as this version has them (and records of an older one linked); nothing else is written.
            await using (var scope = app.Services.CreateAsyncScope())
                await scope.ServiceProvider.MigratePortalDatabaseAsync();
            Console.WriteLine($"数据库 / database: {database}");
            return await Features.Integrity.IntegrityCommand.RunAsync(app.Services, Console.Out, Console.Error);
        }
        await app.InitializePortalAsync(demo);
        if (seed)
        {
            if (demo is not null)
                return await demo.RunSeedCommandAsync(app, args);
            await Console.Error.WriteLineAsync($"The seed command belongs to the demo: dotnet run --project src/Portal.Demo -- {string.Join(' ', args)}");
            return 2;
        }
        await app.RunAsync();
        return 0;
    }

    /// <summary>The demo when its assembly is beside the portal (the tests, a development run); none in a published portal.</summary>
    public static IPortalDemo? FindDemo()
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(DemoAssembly);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        var type = assembly.GetExportedTypes().Single(t => t.IsClass && !t.IsAbstract && typeof(IPortalDemo).IsAssignableFrom(t));
        return (IPortalDemo)Activator.CreateInstance(type)!;
    }
}
