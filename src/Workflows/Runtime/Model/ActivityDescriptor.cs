using System.Reflection;
using Justice.Workflows.Expressions;

namespace Justice.Workflows.Runtime.Model;

/// <summary>What an activity type is, read from its class: the designer's toolbox and the validator both use it.</summary>
public sealed class ActivityDescriptor
{
    public required string TypeName { get; init; }
    public required Type ClrType { get; init; }
    public required string Category { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<string> Outcomes { get; init; }
    public required IReadOnlyList<InputDescriptor> Inputs { get; init; }
    public required IReadOnlyList<OutputDescriptor> Outputs { get; init; }

    /// <summary>For a definition usable as an activity: the version the type stands for; null for built-in activities.</summary>
    public WorkflowActivityReference? Workflow { get; init; }

    public static ActivityDescriptor From(Type type)
    {
        var attribute = type.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} has no [Activity] attribute.");
        var inputs = new List<InputDescriptor>();
        var outputs = new List<OutputDescriptor>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (typeof(Input).IsAssignableFrom(property.PropertyType))
            {
                var info = property.GetCustomAttribute<InputAttribute>() ?? new InputAttribute();
                inputs.Add(new InputDescriptor(JsonName(property.Name), property, property.PropertyType.GetGenericArguments()[0], info));
            }
            else if (typeof(Output).IsAssignableFrom(property.PropertyType))
            {
                var info = property.GetCustomAttribute<OutputAttribute>() ?? new OutputAttribute();
                outputs.Add(new OutputDescriptor(JsonName(property.Name), property, property.PropertyType.GetGenericArguments()[0], info));
            }
        }
        return new ActivityDescriptor
        {
            TypeName = attribute.TypeName,
            ClrType = type,
            Category = attribute.Category,
            DisplayName = attribute.DisplayName ?? attribute.Name,
            Description = attribute.Description,
            Outcomes = type.GetCustomAttribute<OutcomesAttribute>()?.Outcomes ?? ["Done"],
            Inputs = inputs,
            Outputs = outputs,
        };
    }

    static string JsonName(string propertyName) => char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}

/// <summary>An input of an activity type; <see cref="Property"/> is null for the inputs of a definition used as an activity.</summary>
public sealed record InputDescriptor(string Name, PropertyInfo? Property, Type ValueType, InputAttribute Info);

/// <summary>An output of an activity type; <see cref="Property"/> is null for the outputs of a definition used as an activity.</summary>
public sealed record OutputDescriptor(string Name, PropertyInfo? Property, Type ValueType, OutputAttribute Info);
