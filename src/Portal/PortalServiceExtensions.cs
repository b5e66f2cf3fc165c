using Justice.Casework;
using MudBlazor.Services;
using Justice.Portal.Api;
using Justice.Portal.Features.Verify;
using Justice.Portal.Components.Account;
using Justice.Portal.Data;
using Justice.Workflows;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Justice.Portal;

public static class PortalServiceExtensions
{
    const string SmartScheme = "Justice";

    /// <summary>Identity (cookies for pages, bearer tokens for the API), the data, the engine, OpenAPI; the demo's services when it is on.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder, IPortalDemo? demo = null)
    {
        // Serve static assets of packages from an unpublished build in every environment.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        var connectionString = PortalPaths.ResolveConnectionString(builder.Configuration, builder.Environment.ContentRootPath);
        var postgres = PortalPaths.IsPostgres(builder.Configuration);
        var dataFolder = PortalPaths.DataFolder(builder.Configuration, builder.Environment.ContentRootPath);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        // One X-Frame-Options (DENY, set below with the CSP), not antiforgery's SAMEORIGIN beside it.
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        // Chinese text as text in the HTML, not as numeric character references.
        services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        services.AddPortalFeatures();
        services.Configure<Features.Filing.UploadOptions>(builder.Configuration.GetSection(Features.Filing.UploadOptions.Section));
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            // No display name: a scheme with one counts as an external login provider and would be offered as a button on the login page.
            .AddPolicyScheme(SmartScheme, displayName: null, options => options.ForwardDefaultSelector = context =>
                BearerTokenStamp.HasBearerToken(context.Request) ? IdentityConstants.BearerScheme
                : Security.ApiKeyAuthenticationHandler.HasApiKey(context.Request) ? Security.ApiKeyAuthenticationHandler.SchemeName
                : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, Security.ApiKeyAuthenticationHandler>(Security.ApiKeyAuthenticationHandler.SchemeName, displayName: null, _ => { })
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                // The API answers 401/403; only pages redirect to the login page.
                options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalRoles.Admin, policy => policy.RequireRole(PortalRoles.Admin))
            .AddPolicy(Features.Audit.AuditApi.AuditReaders, policy => policy.RequireRole(PortalRoles.Admin, PortalRoles.Auditor))
            // The fee collector's system, signed in with its API key (ApiKeys:fee-collector): its payment notices resume the fee wait.
            .AddPolicy(Security.ApiKeyAuthenticationHandler.FeeCollector, policy => policy.RequireRole(Security.ApiKeyAuthenticationHandler.FeeCollector)
                .AddAuthenticationSchemes(Security.ApiKeyAuthenticationHandler.SchemeName));

        services.AddDbContext<ApplicationDbContext>(options =>
        {
            if (postgres)
                options.UseNpgsql(connectionString);
            else
                options.UseSqlite(connectionString);
        });
        services.AddDatabaseDeveloperPageExceptionFilter();
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.Password.RequiredLength = 8;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddSignInManager()
            .AddErrorDescriber<PortalIdentityErrorDescriber>()
            .AddDefaultTokenProviders()
            .AddApiEndpoints();
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        if (builder.Environment.IsLocal())
            // Development and tests: mails land as files beside the database unless a server or folder is configured.
            services.PostConfigure<EmailOptions>(options =>
            {
                if (string.IsNullOrWhiteSpace(options.Host) && string.IsNullOrWhiteSpace(options.PickupDirectory))
                    options.PickupDirectory = Path.Combine(dataFolder, "mail");
            });
        services.AddSingleton<PortalEmailSender>();
        services.AddSingleton<IEmailSender<ApplicationUser>>(provider => provider.GetRequiredService<PortalEmailSender>());
        services.AddSingleton<Justice.Workflows.Activities.Email.IWorkflowMailer>(provider => provider.GetRequiredService<PortalEmailSender>());
        services.AddScoped<AccountSeeder>();
        services.AddScoped<Features.Account.RefreshTokenLedger>();

        // One node keeps its data-protection keys beside its database; several nodes on PostgreSQL share them in it.
        var dataProtection = services.AddDataProtection().SetApplicationName("Justice.Workflow");
        if (postgres)
            dataProtection.PersistKeysToDbContext<ApplicationDbContext>();
        else
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
        // The offices' key ring lives with the portal's files (shared by the nodes), unless Signing:KeyFolder says otherwise.
        services.PostConfigure<Justice.Casework.Signing.SigningOptions>(signing => signing.KeyFolder ??= Path.Combine(dataFolder, "signing-keys"));

        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddPortalHosting(builder.Configuration);
        services.AddVerificationRateLimit(builder.Configuration);
        if (demo is not null && (builder.IsDemoEnabled() || builder.IsSeedCommand()))
            demo.AddServices(builder);
        if (builder.IsSeedCommand())
            builder.Configuration["Workflows:RunTimers"] = "false";
        services.AddJusticeWorkflows(builder.Configuration, connectionString).AddJusticeCasework(builder.Configuration, connectionString);
        services.AddRecordChain<Features.Audit.AuditChainSource>();
        services.AddScoped<Features.Integrity.IntegrityService>();
        return builder;
    }

    /// <summary>
    /// The features' services — each feature's one service, which its pages and endpoints use, and what it keeps to
    /// itself — the staff's names and directory, and the shared presentation of times on pages and in the API.
    /// </summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<Features.Inbox.InboxService>();
        services.AddScoped<Features.Definitions.DefinitionAdministration>();
        services.AddScoped<Features.Filing.FilingService>();
        services.AddSingleton<Features.Notifications.NotificationService>();
        services.AddSingleton<Features.Instances.DiagramLoader>();
        services.AddScoped<Features.Audit.AuditLog>();
        services.AddScoped<Features.Designer.DesignerService>();
        services.AddScoped<Features.Designer.DesignerClipboard>();
        services.AddScoped<Features.Admin.UserAdministration>();
        services.AddScoped<Features.Signing.SigningService>();
        services.AddScoped<Features.Audit.ContentAudit>();
        services.AddScoped<Features.Instances.InstanceService>();
        services.AddScoped<Features.HttpWorkflows.HttpWorkflowService>();
        services.AddSingleton<Features.Cases.CaseService>();
        services.AddSingleton<Features.Dashboard.DashboardService>();
        services.AddScoped<Features.Documents.DocumentService>();
        services.AddSingleton<Features.Verify.VerificationService>();
        services.AddSingleton<Features.Calendar.CalendarService>();
        services.AddSingleton<Justice.Casework.Cases.IStaffDirectory, IdentityStaffDirectory>();
        services.AddSingleton<Justice.Casework.Cases.IAuditTrail, Features.Audit.PortalAuditTrail>();
        services.AddSingleton<StaffNames>();
        services.AddSingleton<Localization.BureauTime>();
        services.AddSingleton<ApiTime>();
        return services;
    }

    public static bool IsDemoEnabled(this WebApplicationBuilder builder) =>
        builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Seed:Demo");

    /// <summary><c>dotnet run --project src/Portal.Demo -- seed --cases 2000</c>: fill the database and exit.</summary>
    public static bool IsSeedCommand(this WebApplicationBuilder builder) => builder.Configuration["seed-command"] == "true";

    static Task ApiAwareRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Creates and migrates the database, seeds accounts, makes the offices' signing keys, imports the shipped definitions, then the demo's first cases.</summary>
    public static async Task InitializePortalAsync(this WebApplication app, IPortalDemo? demo = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.MigratePortalDatabaseAsync();
        await services.GetRequiredService<AccountSeeder>().SeedAsync();
        await services.GetRequiredService<Features.Audit.ContentAudit>().RecordChangesAsync();
        // A new installation makes its offices' seal and signing keys now, not at the first document.
        services.GetRequiredService<Features.Signing.SigningService>().EnsureAll();
        var folder = PortalPaths.ShippedFolder("workflow-definitions", app.Environment.ContentRootPath);
        await services.GetRequiredService<Justice.Workflows.Management.DefinitionFolderImporter>().ImportAsync(folder);

        if (demo is not null)
            await demo.SeedAsync(app, services);
    }

    /// <summary>Creates or migrates the portal's, the engine's and the casework's tables, and links records written before their chains existed.</summary>
    public static async Task MigratePortalDatabaseAsync(this IServiceProvider services)
    {
        var portal = services.GetRequiredService<ApplicationDbContext>();
        if (portal.Database.IsNpgsql())
        {
            await using var migrating = Data.Postgres.PostgresApplicationDbContext.Create(portal.Database.GetConnectionString()!);
            await migrating.Database.MigrateAsync();
        }
        else
        {
            await portal.Database.MigrateAsync();
        }
        await portal.LinkUnchainedAuditAsync();
        await services.MigrateWorkflowDatabaseAsync();
        await services.MigrateCaseworkDatabaseAsync();
    }

    /// <summary>The request pipeline: errors as problem details under /api, pages as the template has them.</summary>
    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UsePortalHosting();
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            if (app.Environment.IsDevelopment())
                pages.UseMigrationsEndPoint();
            else
                pages.UseExceptionHandler(new ExceptionHandlerOptions
                {
                    ExceptionHandlingPath = "/Error",
                    CreateScopeForErrors = true,
                    // A request the endpoint refused (a form without its antiforgery token, a missing field) is the client's error, not ours.
                    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
                });
            pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        });
        // Routing after the status-code pages, so that a re-executed request (/status/403) finds its page.
        app.UseRouting();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // Pages load nothing from elsewhere, cannot be framed, post only here. Inline scripts stay allowed: Blazor's import map
            // and the print button of documents are inline. The API reference (Scalar) brings its own policy needs and is left out.
            if (!IsApi(context) && !context.Request.Path.StartsWithSegments("/scalar"))
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            await next();
        });
        app.UseRequestLocalization(Localization.CultureEndpoints.Options());
        app.UseAuthentication();
        app.UseBearerTokenStamp();
        app.UseApiCookieOrigin();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        return app;
    }

    /// <summary>The API, and the workflows' HTTP endpoints (<c>/workflows</c>), which answer like it: problem details, never a page.</summary>
    static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(Features.HttpWorkflows.HttpWorkflowsApi.Prefix);
}
