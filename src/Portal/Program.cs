using Justice.Portal;

// The shipped portal; with Justice.Portal.Demo beside it (tests, development) its demo too. `dotnet run --project src/Portal.Demo` runs the demo.
return await PortalApp.RunAsync(args, PortalApp.FindDemo());

/// <summary>Entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
