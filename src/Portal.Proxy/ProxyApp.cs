namespace Justice.Portal.Proxy;

/// <summary>
/// The proxy's application: YARP with the routes, the cluster of portal nodes, the sticky-session cookie and the
/// health checks of the <c>ReverseProxy</c> settings; YARP's own pipeline (affinity, load balancing, passive health)
/// behind <see cref="NodeFailover"/>; the public verification's rate limit over every node (<see cref="VerificationLimit"/>).
/// </summary>
public static class ProxyApp
{
    /// <summary>The proxy built from the command line and its settings; <paramref name="overrides"/> (the tests' nodes and port) come last.</summary>
    public static WebApplication Create(string[] args, IDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddVerificationLimit(builder.Configuration);

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<NodeFailover>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }
}
