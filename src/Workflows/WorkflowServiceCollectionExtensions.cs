using Justice.Workflows.Activities;
using Justice.Workflows.Calendar;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Management;
using Justice.Workflows.Persistence;
using Justice.Workflows.Persistence.Stores;
using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Justice.Workflows;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: activities, expressions, stores on the configured provider, runtime and timer service.
    /// <paramref name="connectionString"/> is the database (SQLite by default).
    /// </summary>
    public static IServiceCollection AddJusticeWorkflows(this IServiceCollection services, IConfiguration configuration, string connectionString,
        Action<DbContextOptionsBuilder>? configureDatabase = null)
    {
        var section = configuration.GetSection(WorkflowOptions.Section);
        services.Configure<WorkflowOptions>(section);
        var options = section.Get<WorkflowOptions>() ?? new WorkflowOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.Configure<CalendarOptions>(configuration.GetSection(CalendarOptions.Section));
        services.AddSingleton<HolidayCalendar>();
        services.AddSingleton<StatutoryCalendar>();
        services.Configure<Documents.DocumentOptions>(configuration.GetSection(Documents.DocumentOptions.Section));
        services.AddSingleton<Documents.DocumentRenderer>();
        services.Configure<Cases.Rules.RuleSetOptions>(configuration.GetSection(Cases.Rules.RuleSetOptions.Section));
        services.AddSingleton<Cases.Rules.RuleSetProvider>();
        services.AddSingleton<Cases.PeriodPlanner>();
        services.TryAddSingleton<Cases.SamplingSeeds>();
        services.AddSingleton<Cases.PeriodRecalculation>();
        services.AddSingleton(ActivityRegistry.CreateDefault());
        services.AddSingleton<DefinitionCompiler>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.Scripts);
        services.AddSingleton<JavaScriptEvaluator>();
        services.AddSingleton<LiquidEvaluator>();
        services.AddSingleton<ExpressionEvaluator>();

        services.AddPooledDbContextFactory<WorkflowDbContext>(db =>
        {
            ConfigureProvider(db, options, connectionString);
            configureDatabase?.Invoke(db);
        });
        services.AddSingleton(new WriteGate(exclusive: options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)));
        services.AddSingleton<IWorkflowInstanceStore, EfWorkflowInstanceStore>();
        services.AddSingleton<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>();
        services.AddSingleton<Cases.ICaseStore, Cases.EfCaseStore>();

        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<DefinitionFolderImporter>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<WorkflowInstanceView>();
        services.AddSingleton<Tasks.TaskService>();
        services.TryAddSingleton<Tasks.IStaffDirectory, Tasks.NoStaffDirectory>();
        services.TryAddSingleton<Cases.IAuditTrail, Cases.NoAuditTrail>();
        services.AddSingleton<Cases.CaseQueries>();
        services.AddSingleton<Cases.CaseNotes>();
        if (options.RunTimers)
        {
            services.AddHostedService<TimerService>();
            services.AddHostedService<CalendarWatcher>();
        }
        return services;
    }

    static void ConfigureProvider(DbContextOptionsBuilder db, WorkflowOptions options, string connectionString)
    {
        switch (options.Provider.ToUpperInvariant())
        {
            case "SQLITE":
                db.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
                  .AddInterceptors(new SqlitePragmaInterceptor(options.Synchronous));
                break;
            default:
                throw new InvalidOperationException($"不支持的数据库提供程序“{options.Provider}”：目前支持 Sqlite。");
        }
    }

    /// <summary>Creates or migrates the engine's tables.</summary>
    public static async Task MigrateWorkflowDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.RefreshStatisticsAsync(cancellationToken);
    }

    /// <summary>
    /// Lets SQLite re-measure the tables whose statistics are missing or stale (a sampled <c>ANALYZE</c>), so that
    /// the planner picks the covering indexes of the case lists; cheap when nothing changed.
    /// </summary>
    public static async Task RefreshStatisticsAsync(this WorkflowDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=2000; PRAGMA optimize=0x10002;", cancellationToken);
    }
}
