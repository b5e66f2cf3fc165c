using Justice.Portal;
using Justice.Portal.Api;
using Justice.Portal.Components;
using Justice.Portal.Data;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = PortalPaths.ContentRoot() });
builder.AddPortal();

var app = builder.Build();
app.UsePortal();

app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapGroup("/api/identity").WithTags("账号").MapIdentityApi<ApplicationUser>();
app.MapJusticeApi();
app.MapOpenApi();
app.MapScalarApiReference();

await app.InitializePortalAsync();
app.Run();

/// <summary>Entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
