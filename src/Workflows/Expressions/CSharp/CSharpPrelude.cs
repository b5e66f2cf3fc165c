using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Justice.Workflows.Expressions.CSharp;

/// <summary>
/// The variables and inputs of a definition as a script sees them: like Elsa, a <c>Variables</c> object with a typed
/// property per variable (also <c>Get</c>, <c>Get&lt;T&gt;</c>, <c>Set</c>) and an <c>Inputs</c> object with one per
/// input; <c>Variable</c> and <c>Input</c> are the same objects.
/// </summary>
public sealed record CSharpPrelude(IReadOnlyList<(string Name, Type Type)> Variables, IReadOnlyList<string> Inputs)
{
    public static readonly CSharpPrelude Empty = new([], []);

    public string Code()
    {
        var sb = new StringBuilder();
        sb.AppendLine("public sealed class WorkflowVariablesProxy {");
        sb.AppendLine("  readonly CSharpExecutionContext _c;");
        sb.AppendLine("  public WorkflowVariablesProxy(CSharpExecutionContext c) => _c = c;");
        sb.AppendLine("  public object? Get(string name) => _c.GetVariable(name);");
        sb.AppendLine("  public T? Get<T>(string name) => _c.GetVariable<T>(name);");
        sb.AppendLine("  public void Set(string name, object? value) => _c.SetVariable(name, value);");
        foreach (var (name, type) in Variables.Where(v => IsIdentifier(v.Name)).DistinctBy(v => v.Name))
        {
            var typeName = TypeName(type);
            sb.AppendLine($"  public {typeName} {name} {{ get => _c.GetVariable<{typeName}>(\"{name}\"); set => _c.SetVariable(\"{name}\", value); }}");
        }
        sb.AppendLine("}");
        sb.AppendLine("public sealed class WorkflowInputsProxy {");
        sb.AppendLine("  readonly CSharpExecutionContext _c;");
        sb.AppendLine("  public WorkflowInputsProxy(CSharpExecutionContext c) => _c = c;");
        sb.AppendLine("  public object? Get(string name) => _c.GetInput(name);");
        sb.AppendLine("  public T? Get<T>(string name) => _c.GetInput<T>(name);");
        foreach (var name in Inputs.Where(IsIdentifier).Distinct())
            sb.AppendLine($"  public object? {name} => _c.GetInput(\"{name}\");");
        sb.AppendLine("}");
        sb.AppendLine("var Variables = new WorkflowVariablesProxy(ExecutionContext);");
        sb.AppendLine("var Variable = Variables;");
        sb.AppendLine("var Inputs = new WorkflowInputsProxy(ExecutionContext);");
        sb.AppendLine("var Input = Inputs;");
        return sb.ToString();
    }

    static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None && !name.StartsWith("__", StringComparison.Ordinal)
        && name is not ("Get" or "Set" or "WorkflowVariablesProxy" or "WorkflowInputsProxy");

    static string TypeName(Type type) =>
        type == typeof(string) ? "string?" :
        type == typeof(int) ? "int?" :
        type == typeof(long) ? "long?" :
        type == typeof(double) ? "double?" :
        type == typeof(decimal) ? "decimal?" :
        type == typeof(bool) ? "bool?" :
        type == typeof(DateTime) ? "System.DateTime?" :
        type == typeof(DateTimeOffset) ? "System.DateTimeOffset?" :
        type == typeof(TimeSpan) ? "System.TimeSpan?" :
        type == typeof(Guid) ? "System.Guid?" :
        type == typeof(System.Text.Json.Nodes.JsonObject) ? "System.Text.Json.Nodes.JsonObject?" :
        type == typeof(System.Text.Json.Nodes.JsonArray) ? "System.Text.Json.Nodes.JsonArray?" :
        "object?";
}
