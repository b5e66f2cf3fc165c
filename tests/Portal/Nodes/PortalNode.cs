using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Justice.Portal.Tests.Nodes;

/// <summary>
/// A portal node as operators run it: its own process (<c>dotnet Justice.Portal.Demo.dll</c>) on a loopback port, sharing
/// the database and the data folder with the other nodes. Killed like a machine that dies (SIGKILL, no shutdown).
/// </summary>
public sealed partial class PortalNode : IAsyncDisposable
{
    readonly Process _process;
    readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    PortalNode(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public Uri Address { get; private set; } = null!;

    public bool HasExited => _process.HasExited;

    /// <summary>What the node printed (for a failing test's message).</summary>
    public string Output => string.Join('\n', _output.TakeLast(80));

    /// <summary>Starts a node and waits until it listens (its start-up migrates, seeds accounts and imports definitions first).</summary>
    public static async Task<PortalNode> StartAsync(string name, string dataFolder, string provider, string connectionString, IDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Justice.Portal.Demo.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Workflows__Provider"] = provider,
            ["ConnectionStrings__Justice"] = connectionString,
            ["Portal__DataFolder"] = dataFolder,
            ["Seed__Demo"] = "true",
            ["Seed__Cases"] = "0",
            ["Seed__DemoPassword"] = PortalFactory.Password,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var node = new PortalNode(name, Process.Start(start)!);
        node._process.OutputDataReceived += (_, e) => node.Read(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Read(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using (timeout.Token.Register(() => node._listening.TrySetException(new TimeoutException($"节点 {name} 三分钟内没有开始监听：\n{node.Output}"))))
            node.Address = await node._listening.Task;
        return node;
    }

    void Read(string? line)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException($"节点 {Name} 已退出：\n{Output}"));
            return;
        }
        _output.Enqueue(line);
        if (Listening().Match(line) is { Success: true } match)
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex Listening();

    /// <summary>A client of this node with a bearer token (from any node: the nodes share their data-protection keys).</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> LoginAsync(string role)
    {
        using var client = Client();
        var login = await client.PostAsJsonAsync("/api/identity/login", new { email = $"{role}@demo.justice.local", password = PortalFactory.Password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    /// <summary>Dies as a machine does: SIGKILL, no shutdown, connections cut.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }
}
