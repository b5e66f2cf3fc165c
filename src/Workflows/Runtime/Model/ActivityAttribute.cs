namespace Justice.Workflows.Runtime.Model;

/// <summary>Declares an activity type: its type name as written in definitions (<c>Namespace.Name</c>) and how the designer shows it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string ns, string name) : Attribute
{
    public string Namespace { get; } = ns;
    public string Name { get; } = name;
    public string TypeName => $"{Namespace}.{Name}";
    public string Category { get; init; } = "基础";
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
}

/// <summary>Declares the fixed outcomes (ports) of an activity; activities with dynamic ports override <see cref="Activity.GetPorts"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OutcomesAttribute(params string[] outcomes) : Attribute
{
    public IReadOnlyList<string> Outcomes { get; } = outcomes;
}

/// <summary>Describes an input of an activity for the designer and the validator.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    /// <summary>Editor hint: singleline, multiline, checkbox, dropdown, json, code, variable-picker, role-picker, outcomes, cases ...</summary>
    public string? UIHint { get; init; }
    public string[]? Options { get; init; }
    public object? DefaultValue { get; init; }
}

/// <summary>Describes an output of an activity (stored into a variable through <c>memoryReference</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
}
