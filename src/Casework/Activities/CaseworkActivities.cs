using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities;

/// <summary>The Justice activities of this assembly, for hosts that build a registry without the service collection.</summary>
public static class CaseworkActivities
{
    /// <summary>The engine's activities and the Justice ones (what <c>AddJusticeWorkflows().AddJusticeCasework()</c> registers).</summary>
    public static ActivityRegistry CreateRegistry() => ActivityRegistry.CreateDefault().AddFromAssembly(typeof(CaseworkActivities).Assembly);
}
