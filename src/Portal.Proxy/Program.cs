namespace Justice.Portal.Proxy;

/// <summary><c>dotnet run --project src/Portal.Proxy</c>: the proxy on <c>http://127.0.0.1:5100</c> (or <c>--urls</c>) in front of the nodes in appsettings.json.</summary>
public static class ProxyProgram
{
    public static Task Main(string[] args) => ProxyApp.Create(args).RunAsync();
}
