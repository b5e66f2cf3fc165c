namespace Justice.Portal.Demo;

/// <summary><c>dotnet run --project src/Portal.Demo</c>: the portal with its demo; <c>-- seed --cases 2000</c> fills the database and exits.</summary>
public static class DemoProgram
{
    public static Task<int> Main(string[] args) => PortalApp.RunAsync(args, new PortalDemo());
}
