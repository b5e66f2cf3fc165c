using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;

namespace Justice.Portal;

/// <summary>
/// How the portal sits on a server: behind a reverse proxy (<c>ForwardedHeaders:KnownProxies</c>), its health at
/// <c>/health</c> for the proxy's checks, cookies over HTTPS only, and the API reference (OpenAPI, Scalar) behind a
/// login (<c>OpenApi:RequireLogin</c>). Development and the test environment run over plain HTTP on the machine itself
/// and keep the relaxed defaults.
/// </summary>
public static class PortalHosting
{
    /// <summary>Development or the integration tests' environment: plain HTTP on this machine.</summary>
    public static bool IsLocal(this IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>The proxies (addresses, or networks as <c>10.0.0.0/8</c>) whose X-Forwarded-For/-Proto are believed; none by default.</summary>
    public static IReadOnlyList<string> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection("ForwardedHeaders:KnownProxies");
        // A list (ForwardedHeaders:KnownProxies:0, …) or one comma-separated value.
        var children = section.GetChildren().ToList();
        var values = children.Count > 0 ? children.Select(c => c.Value ?? "") : (section.Value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        return [.. values.Select(v => v.Trim()).Where(v => v.Length > 0)];
    }

    public static IServiceCollection AddPortalHosting(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: not the framework's default of trusting any loopback sender.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/'))
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddHealthChecks();
        return services;
    }

    /// <summary>First in the pipeline: the client's address and scheme as the proxy saw them, then cookies marked Secure outside local runs.</summary>
    public static WebApplication UsePortalHosting(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Count > 0)
            app.UseForwardedHeaders();
        if (!app.Environment.IsLocal())
            app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always });
        return app;
    }

    /// <summary><c>/health</c>: 200 while the node runs; the proxy in front of several nodes asks it (docs/deployment-several-nodes.md).</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }

    /// <summary>The OpenAPI document and the Scalar reference; outside local runs only for logged-in users unless <c>OpenApi:RequireLogin</c> is false.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        var openApi = app.MapOpenApi();
        var scalar = app.MapScalarApiReference();
        if (app.Configuration.GetValue("OpenApi:RequireLogin", !app.Environment.IsLocal()))
        {
            openApi.RequireAuthorization();
            scalar.RequireAuthorization();
        }
        return app;
    }
}
