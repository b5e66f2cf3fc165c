using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Sets a workflow variable to a value.</summary>
[Activity("Elsa", "SetVariable", Category = "基础", DisplayName = "设置变量", Description = "给流程变量赋值。")]
public sealed class SetVariable : Activity
{
    [Input(DisplayName = "变量", UIHint = "variable-picker")]
    public Input<JsonNode>? Variable { get; set; }

    [Input(DisplayName = "值", UIHint = "singleline")]
    public Input<object>? Value { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var reference = VariableName() ?? throw new WorkflowFaultException("invalid-input", "未指定要设置的变量。");
        var value = await context.EvaluateJsonAsync(Value);
        context.Workflow.SetVariable(reference, value);
        context.JournalData["variable"] = context.Workflow.ResolveVariableName(reference) ?? reference;
        context.Complete();
    }

    string? VariableName() => Variable is null ? null : ExpressionEvaluator.VariableReference(Variable.Expression.Value);

    public override void Validate(DefinitionValidationContext context)
    {
        var name = VariableName();
        if (name is null)
            context.Add(this, DefinitionProblem.InvalidInput, "variable", $"活动“{DisplayName}”未指定变量。");
        else if (!context.HasVariable(name))
            context.Add(this, DefinitionProblem.UnknownVariable, "variable", $"活动“{DisplayName}”引用了不存在的变量“{name}”。");
    }
}
