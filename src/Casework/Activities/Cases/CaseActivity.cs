using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Cases;

/// <summary>An activity that works on a case: by default the instance's case (its correlation id).</summary>
public abstract class CaseActivity : Activity
{
    [Input(DisplayName = "案件", Description = "案件 id；空时为本流程的关联号。", UIHint = "singleline")]
    public Input<string>? CaseId { get; set; }

    protected async Task<CaseRecord> CaseAsync(ActivityExecutionContext context)
    {
        var id = await CaseIdAsync(context);
        return await context.Cases().GetAsync(id, context.CancellationToken);
    }

    protected async Task<string> CaseIdAsync(ActivityExecutionContext context) =>
        await context.EvaluateAsync(CaseId) is { Length: > 0 } id
            ? id
            : context.Workflow.CorrelationId ?? throw new WorkflowFaultException("no-case", $"活动“{DisplayName}”不知道是哪个案件：请设置案件 id 或流程关联号。");

    /// <summary>Who the instance acts for in the timeline: the last person who completed a task, else the system.</summary>
    protected static string Actor(ActivityExecutionContext context) => context.Workflow.State.LastActor ?? "系统";
}
