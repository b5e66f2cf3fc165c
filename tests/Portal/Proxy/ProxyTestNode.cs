using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Justice.Portal.Tests.Proxy;

/// <summary>
/// A stand-in portal node on a real Kestrel port: <c>GET /</c> answers its name, <c>POST /</c> its name and the body,
/// <c>/health</c> 200, <c>/headers</c> the forwarding headers it received, <c>/echo</c> a WebSocket that answers
/// <c>name: message</c>.
/// </summary>
public sealed class ProxyTestNode : IAsyncDisposable
{
    readonly WebApplication app;
    bool stopped;

    ProxyTestNode(string name, WebApplication app)
    {
        Name = name;
        this.app = app;
    }

    public string Name { get; }

    public string Address => app.Urls.Single();

    public static async Task<ProxyTestNode> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/", () => name);
        app.MapPost("/", async (HttpRequest request) => $"{name}: {await new StreamReader(request.Body).ReadToEndAsync()}");
        app.MapGet("/health", () => "Healthy");
        app.MapGet("/api/verify/{number}", (string number) => $"{name}: {number}");
        app.MapGet("/headers", (HttpRequest request) => new Dictionary<string, string>
        {
            ["Host"] = request.Headers.Host.ToString(),
            ["X-Forwarded-For"] = request.Headers["X-Forwarded-For"].ToString(),
            ["X-Forwarded-Proto"] = request.Headers["X-Forwarded-Proto"].ToString(),
            ["X-Forwarded-Host"] = request.Headers["X-Forwarded-Host"].ToString(),
        });
        app.Map("/echo", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                    return;
                }
                var answer = Encoding.UTF8.GetBytes($"{name}: {Encoding.UTF8.GetString(buffer, 0, received.Count)}");
                await socket.SendAsync(answer, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
            }
        });
        await app.StartAsync();
        return new ProxyTestNode(name, app);
    }

    /// <summary>The node dies: its port stops accepting connections.</summary>
    public async Task StopAsync()
    {
        stopped = true;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopped)
            await app.DisposeAsync();
    }
}
