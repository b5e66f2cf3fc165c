using Justice.Portal;
using Justice.Portal.Api;
using Justice.Portal.Features.Account;
using Justice.Portal.Components;
using Justice.Portal.Data;
using Justice.Portal.Data.Demo;
using Justice.Portal.Localization;

var seed = args is ["seed", ..];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = seed ? [.. args.Skip(1).Where(a => !a.StartsWith("--cases") && !int.TryParse(a, out _))] : args, ContentRootPath = PortalPaths.ContentRoot() });
if (seed)
    builder.Configuration["seed-command"] = "true";
builder.AddPortal();

var app = builder.Build();
app.UsePortal();

// The portal's own Content-Security-Policy already says frame-ancestors 'none'; one policy header, not two.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
app.MapAdditionalIdentityEndpoints();
app.MapAccountApi();
app.MapJusticeApi();
app.MapCultureEndpoint();
app.MapDevClockApi(app.Environment);
app.MapApiReference();

await app.InitializePortalAsync();
if (seed)
    return await SeedCommand.RunAsync(app, args);
app.Run();
return 0;

/// <summary>Entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
