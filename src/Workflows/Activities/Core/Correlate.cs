using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Sets the instance's correlation id (events can then find it by that id).</summary>
[Activity("Elsa", "Correlate", Category = "基础", DisplayName = "设置关联号", Description = "设置流程实例的关联号（例如案号）。")]
public sealed class Correlate : Activity
{
    [Input(DisplayName = "关联号", UIHint = "singleline")]
    public Input<string>? CorrelationId { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.CorrelationId = await context.EvaluateAsync(CorrelationId);
        context.JournalData["correlationId"] = context.Workflow.CorrelationId;
        context.Complete();
    }
}
