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
        services.AddSingleton(sp =>
        {
            var registry = ActivityRegistry.CreateDefault();
            foreach (var activities in sp.GetServices<ActivityAssembly>())
                registry.AddFromAssembly(activities.Assembly);
            return registry;
        });
        services.AddSingleton<DefinitionCompiler>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.Scripts);
        services.AddSingleton<JavaScriptEvaluator>();
        services.AddSingleton<LiquidEvaluator>();
        services.AddSingleton<CSharpEvaluator>();
        services.AddSingleton<ExpressionEvaluator>();

        services.AddWorkflowPersistence(options, connectionString);

        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<IWorkflowModels>(sp => sp.GetRequiredService<WorkflowDefinitionService>());
        services.AddSingleton<DefinitionFolderImporter>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<WorkflowInstanceView>();
        services.Configure<Activities.Http.WorkflowHttpOptions>(configuration.GetSection(Activities.Http.WorkflowHttpOptions.Section));
        // Outbound requests of the HTTP activities: no redirects (a redirect could leave the allowed hosts), no cookies.
        services.AddHttpClient(Activities.Http.OutboundHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<Activities.Http.OutboundHttp>();
        services.AddSingleton<HttpRouteTable>();
        if (options.RunTimers)
        {
            services.AddHostedService<TimerService>();
        }
        return services;
    }

    /// <summary>Adds the activities of an assembly (those with an <see cref="ActivityAttribute"/>) to the engine's registry.</summary>
    public static IServiceCollection AddWorkflowActivities(this IServiceCollection services, System.Reflection.Assembly assembly) =>
        services.AddSingleton(new ActivityAssembly(assembly));

    /// <summary>Creates or migrates the engine's tables.</summary>
    public static Task MigrateWorkflowDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        WorkflowPersistence.MigrateAsync(services, cancellationToken);

    /// <summary>Lets the database measure its tables again after they grew many times over (a bulk load), for the case lists' plans.</summary>
    public static Task RefreshDatabaseStatisticsAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        WorkflowPersistence.RefreshStatisticsAsync(services, cancellationToken);
}
