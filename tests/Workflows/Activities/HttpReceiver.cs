using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Justice.Workflows.Tests.Activities;

/// <summary>A real Kestrel server on a free loopback port that answers the HTTP activities' requests and records them.</summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    readonly WebApplication _app;

    HttpReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What each request carried: method, path, the Authorization header, the content type and the body.</summary>
    public List<(string Method, string Path, string? Authorization, string? ContentType, string Body)> Received { get; } = [];

    public static async Task<HttpReceiver> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        HttpReceiver? receiver = null;
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            lock (receiver!.Received)
                receiver.Received.Add((context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null,
                    context.Request.ContentType, body));
            await next();
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver = new HttpReceiver(app, new Uri(address));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
