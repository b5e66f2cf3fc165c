using Justice.Workflows.Activities;
using Justice.Workflows.Calendar;
using Justice.Workflows.Expressions;
using Justice.Workflows.Management;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
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
    public static IServiceCollection AddJusticeWorkflows(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var section = configuration.GetSection(WorkflowOptions.Section);
        services.Configure<WorkflowOptions>(section);
        var options = section.Get<WorkflowOptions>() ?? new WorkflowOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.Configure<CalendarOptions>(configuration.GetSection(CalendarOptions.Section));
        services.AddSingleton<HolidayCalendar>();
        services.AddSingleton<StatutoryCalendar>();
        services.AddSingleton<IScriptTimeZone>(sp => sp.GetRequiredService<StatutoryCalendar>());
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

        services.AddWorkflowPersistence(options, connectionString);
        services.AddSingleton<Cases.ICaseStore, Cases.EfCaseStore>();

        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<IWorkflowModels>(sp => sp.GetRequiredService<WorkflowDefinitionService>());
        services.AddSingleton<IOverdueEffects, Cases.OverduePeriods>();
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

    /// <summary>Creates or migrates the engine's tables.</summary>
    public static Task MigrateWorkflowDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        WorkflowPersistence.MigrateAsync(services, cancellationToken);
}
