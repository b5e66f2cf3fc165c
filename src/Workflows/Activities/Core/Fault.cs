using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Faults the instance with an incident carrying the given code, category and message.</summary>
[Activity("Elsa", "Fault", Category = "流程", DisplayName = "故障", Description = "使流程实例以故障结束，并记录事件。")]
public sealed class Fault : Activity
{
    [Input(DisplayName = "代码", UIHint = "singleline")]
    public Input<string>? Code { get; set; }

    [Input(DisplayName = "类别", UIHint = "singleline")]
    public Input<string>? Category { get; set; }

    [Input(DisplayName = "故障类型", UIHint = "singleline")]
    public Input<string>? FaultType { get; set; }

    [Input(DisplayName = "消息", UIHint = "multiline")]
    public Input<string>? Message { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var code = await context.EvaluateAsync(Code) ?? "fault";
        var category = await context.EvaluateAsync(Category);
        var faultType = await context.EvaluateAsync(FaultType);
        var message = await context.EvaluateAsync(Message) ?? "流程主动报告故障。";
        throw new WorkflowFaultException(code, message, category ?? faultType);
    }
}
