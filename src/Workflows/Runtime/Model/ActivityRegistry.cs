using System.Reflection;

namespace Justice.Workflows.Runtime.Model;

/// <summary>The activity types the engine knows, by type name (e.g. <c>Elsa.WriteLine</c>).</summary>
public sealed class ActivityRegistry
{
    readonly Dictionary<string, ActivityDescriptor> _descriptors = new(StringComparer.Ordinal);

    /// <summary>The built-in activities and the published definitions usable as activities (the designer's toolbox).</summary>
    public IReadOnlyCollection<ActivityDescriptor> Descriptors => Workflows.IsEmpty ? _descriptors.Values : [.. _descriptors.Values, .. Workflows.Browsable];

    /// <summary>The definitions usable as activities (kept current by the definitions service).</summary>
    public WorkflowActivityCatalog Workflows { get; } = new();

    public ActivityRegistry Add(Type type)
    {
        var descriptor = ActivityDescriptor.From(type);
        _descriptors[descriptor.TypeName] = descriptor;
        return this;
    }

    public ActivityRegistry Add<TActivity>() where TActivity : Activity => Add(typeof(TActivity));

    /// <summary>Adds every concrete activity class of an assembly that carries <see cref="ActivityAttribute"/>.</summary>
    public ActivityRegistry AddFromAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (!type.IsAbstract && typeof(Activity).IsAssignableFrom(type) && type.GetCustomAttribute<ActivityAttribute>() is not null)
                Add(type);
        }
        return this;
    }

    /// <summary>A built-in activity type, else a definition usable as an activity by its type name.</summary>
    public ActivityDescriptor? Find(string typeName) => _descriptors.GetValueOrDefault(typeName) ?? Workflows.FindByType(typeName)?.Descriptor;

    /// <summary>A built-in activity type only.</summary>
    public ActivityDescriptor? FindBuiltIn(string typeName) => _descriptors.GetValueOrDefault(typeName);

    /// <summary>The engine's built-in activities.</summary>
    public static ActivityRegistry CreateDefault() => new ActivityRegistry().AddFromAssembly(typeof(ActivityRegistry).Assembly);
}

/// <summary>An assembly whose activities the host adds to the registry (see <c>AddWorkflowActivities</c>).</summary>
public sealed record ActivityAssembly(System.Reflection.Assembly Assembly);
