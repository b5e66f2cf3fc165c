using Justice.Casework.Calendar;
using Justice.Casework.Cases;
using Justice.Casework.Documents;
using Justice.Casework.Integrity;
using Justice.Casework.Persistence;
using Justice.Casework.Rules;
using Justice.Casework.Tasks;
using Justice.Workflows;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Justice.Casework;

public static class CaseworkServiceCollectionExtensions
{
    /// <summary>
    /// Adds the bureau's casework on top of the engine (<c>AddJusticeWorkflows</c>): the Justice activities, the
    /// statutory calendar, rule sets, documents, cases, the inbox rules and the case tables in the same database.
    /// </summary>
    public static IServiceCollection AddJusticeCasework(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>() ?? new WorkflowOptions();

        services.AddWorkflowActivities(typeof(CaseworkServiceCollectionExtensions).Assembly);
        services.Configure<CalendarOptions>(configuration.GetSection(CalendarOptions.Section));
        services.AddSingleton<HolidayCalendar>();
        services.AddSingleton<StatutoryCalendar>();
        services.AddSingleton<IScriptTimeZone>(sp => sp.GetRequiredService<StatutoryCalendar>());
        services.Configure<DocumentOptions>(configuration.GetSection(DocumentOptions.Section));
        services.AddSingleton<DocumentRenderer>();
        services.Configure<Documents.Pdf.PdfFontOptions>(configuration.GetSection("Documents:Fonts"));
        services.AddSingleton(sp => Documents.Pdf.DocumentFonts.Install(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Documents.Pdf.PdfFontOptions>>().Value));
        services.Configure<Signing.SigningOptions>(configuration.GetSection(Signing.SigningOptions.Section));
        services.PostConfigure<Signing.SigningOptions>(signing => signing.KeyFolder ??= DefaultKeyFolder(connectionString));
        services.AddSingleton<Signing.OfficeKeyRing>();
        services.AddSingleton<Issuing.IssuedDocuments>();
        services.AddSingleton<Issuing.CaseArchives>();
        services.Configure<RuleSetOptions>(configuration.GetSection(RuleSetOptions.Section));
        services.AddSingleton<RuleSetProvider>();
        services.AddSingleton<PeriodPlanner>();
        services.TryAddSingleton<SamplingSeeds>();
        services.AddSingleton<PeriodRecalculation>();

        services.AddCaseworkPersistence(options, connectionString);
        services.AddSingleton<ICaseStore, EfCaseStore>();
        services.AddSingleton<IOverdueEffects, OverduePeriods>();
        services.AddSingleton<TaskService>();
        services.TryAddSingleton<IStaffDirectory, NoStaffDirectory>();
        services.TryAddSingleton<IAuditTrail, NoAuditTrail>();
        services.AddSingleton<CaseQueries>();
        services.AddSingleton<CaseNotes>();
        services.AddSingleton<Intake.CaseFiling>();
        services.AddSingleton<Intake.IntakeQueries>();
        services.AddSingleton<Work.InboxQueries>();
        services.AddSingleton<Work.UserNotifications>();
        services.Configure<IntegrityOptions>(configuration.GetSection(IntegrityOptions.Section));
        services.AddRecordChain<JournalChainSource>();
        services.AddRecordChain<TimelineChainSource>();
        services.AddSingleton<IIntegrityCheck, Issuing.IssuedDocumentsCheck>();
        if (configuration.GetValue(Signing.SigningOptions.Section + ":SealDays", true))
            services.TryAddSingleton<IRecordSealer, Issuing.BureauRecordSealer>();
        services.AddSingleton<IntegrityCheck>();
        services.AddSingleton<DaySealing>();
        if (options.RunTimers)
        {
            services.AddHostedService<CalendarWatcher>();
            services.AddHostedService<DaySealService>();
            if (configuration.GetValue(Signing.SigningOptions.Section + ":SignInBackground", true))
                services.AddHostedService<Issuing.DocumentSigningWorker>();
        }
        return services;
    }

    /// <summary>
    /// Adds a kind of record chain: checked by the integrity check (with its day seals) and sealed day by day when a
    /// signing key (<see cref="IRecordSealer"/>) is registered.
    /// </summary>
    public static IServiceCollection AddRecordChain<T>(this IServiceCollection services) where T : class, IRecordChain
    {
        services.AddSingleton<T>();
        services.AddSingleton<IRecordChain>(sp => sp.GetRequiredService<T>());
        services.AddSingleton<IIntegrityCheck>(sp => new ChainCheck(sp.GetRequiredService<T>(), sp.GetRequiredService<IDbContextFactory<CaseworkDbContext>>(),
            sp.GetRequiredService<StatutoryCalendar>(), sp.GetService<IRecordSealer>()));
        return services;
    }

    /// <summary>The key ring beside the SQLite database (<c>signing-keys/</c>), else beside the application.</summary>
    static string DefaultKeyFolder(string connectionString)
    {
        try
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            if (!string.IsNullOrEmpty(source) && source != ":memory:" && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source)) ?? ".", "signing-keys");
        }
        catch (ArgumentException)
        {
        }
        return Path.Combine(AppContext.BaseDirectory, "signing-keys");
    }

    /// <summary>Creates or migrates the case tables (after <c>MigrateWorkflowDatabaseAsync</c>: same database).</summary>
    public static Task MigrateCaseworkDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        CaseworkPersistence.MigrateAsync(services, cancellationToken);
}
