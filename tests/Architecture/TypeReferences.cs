using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Justice.Architecture.Tests;

/// <summary>A use of one type by another, read from the IL: where it was seen, for the failure message.</summary>
public sealed record TypeUse(string FromType, string FromNamespace, string ToType, string ToNamespace, string Where);

/// <summary>
/// Every type a compiled assembly's types use, read from the IL with Mono.Cecil: base types, interfaces, fields,
/// properties, events, method signatures, locals, instructions of method bodies and attributes (with their type
/// arguments). What a source file's <c>using</c> lines promise, the IL shows was really used.
/// </summary>
public static class TypeReferences
{
    public static IReadOnlyList<TypeUse> Read(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var uses = new List<TypeUse>();
        foreach (var type in module.GetTypes())
        {
            var from = Outermost(type);
            if (string.IsNullOrEmpty(from.Namespace))
                continue;
            void Add(TypeReference? target, string where)
            {
                foreach (var t in Expand(target))
                    uses.Add(new TypeUse(from.FullName, from.Namespace, t.FullName, t.Namespace, $"{type.Name}: {where}"));
            }
            void AddAttributes(Mono.Cecil.ICustomAttributeProvider provider, string where)
            {
                if (!provider.HasCustomAttributes)
                    return;
                foreach (var attribute in provider.CustomAttributes)
                {
                    Add(attribute.AttributeType, $"attribute on {where}");
                    foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)).Concat(attribute.Fields.Select(f => f.Argument)))
                        if (argument.Value is TypeReference typeArgument)
                            Add(typeArgument, $"attribute argument on {where}");
                }
            }

            Add(type.BaseType, "base type");
            foreach (var i in type.Interfaces)
                Add(i.InterfaceType, "interface");
            AddAttributes(type, "type");
            foreach (var g in type.GenericParameters)
                foreach (var c in g.Constraints)
                    Add(c.ConstraintType, "generic constraint");
            foreach (var field in type.Fields)
            {
                Add(field.FieldType, $"field {field.Name}");
                AddAttributes(field, $"field {field.Name}");
            }
            foreach (var property in type.Properties)
            {
                Add(property.PropertyType, $"property {property.Name}");
                AddAttributes(property, $"property {property.Name}");
            }
            foreach (var e in type.Events)
                Add(e.EventType, $"event {e.Name}");
            foreach (var method in type.Methods)
            {
                var where = $"method {method.Name}";
                Add(method.ReturnType, where);
                AddAttributes(method, where);
                foreach (var p in method.Parameters)
                {
                    Add(p.ParameterType, where);
                    AddAttributes(p, where);
                }
                foreach (var g in method.GenericParameters)
                    foreach (var c in g.Constraints)
                        Add(c.ConstraintType, where);
                if (!method.HasBody)
                    continue;
                foreach (var local in method.Body.Variables)
                    Add(local.VariableType, $"local in {where}");
                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference t:
                            Add(t, where);
                            break;
                        case MethodReference m:
                            Add(m.DeclaringType, $"{where} calls {m.Name}");
                            Add(m.ReturnType, $"{where} calls {m.Name}");
                            foreach (var p in m.Parameters)
                                Add(p.ParameterType, $"{where} calls {m.Name}");
                            if (m is GenericInstanceMethod gm)
                                foreach (var a in gm.GenericArguments)
                                    Add(a, $"{where} calls {m.Name}");
                            break;
                        case FieldReference f:
                            Add(f.DeclaringType, $"{where} reads {f.Name}");
                            Add(f.FieldType, $"{where} reads {f.Name}");
                            break;
                    }
                }
            }
        }
        return uses;
    }

    static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    /// <summary>The named types inside a reference: element types of arrays, pointers and by-refs, generic arguments.</summary>
    static IEnumerable<TypeReference> Expand(TypeReference? type)
    {
        if (type is null || type is GenericParameter)
            yield break;
        switch (type)
        {
            case GenericInstanceType generic:
                foreach (var t in Expand(generic.ElementType))
                    yield return t;
                foreach (var argument in generic.GenericArguments)
                    foreach (var t in Expand(argument))
                        yield return t;
                yield break;
            case TypeSpecification specification:
                foreach (var t in Expand(specification.ElementType))
                    yield return t;
                yield break;
        }
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        yield return type;
    }
}
