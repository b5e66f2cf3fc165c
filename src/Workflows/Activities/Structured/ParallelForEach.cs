using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>
/// Runs its body once per item, all at once, each iteration with its own <c>CurrentValue</c> and
/// <c>CurrentIndex</c> and its own copy of the body (ids suffixed <c>#0</c>, <c>#1</c>…), so that iterations that
/// wait (a task, an event) wait apart; completes when every iteration has. Break ends it.
/// </summary>
[Activity("Elsa", "ParallelForEach", Category = "结构", DisplayName = "并行逐项", Description = "对每一项同时执行循环体，全部完成后继续。")]
public sealed class ParallelForEach : CompositeActivity, ILoopActivity
{
    /// <summary>More iterations than this fault the instance: each is a copy of the body kept in the instance.</summary>
    public const int MaxIterations = 1000;

    Activity? _body;

    [Input(DisplayName = "项目", UIHint = "multiline")]
    public Input<object>? Items { get; set; }

    protected override IEnumerable<ChildSlot> Slots() => Single("body");

    protected override void Bind(IReadOnlyDictionary<string, Activity> children) => _body = children.GetValueOrDefault("body");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var items = ItemList.Of(await context.EvaluateJsonAsync(Items));
        if (_body is null || items.Count == 0)
        {
            context.Complete();
            return;
        }
        if (items.Count > MaxIterations)
            throw new WorkflowFaultException("too-many-iterations", $"活动“{DisplayName}”的项目有 {items.Count} 项，超出并行逐项的上限 {MaxIterations}。");
        var copies = context.Workflow.ExpandIterations(this, items.Count);
        Branches.Start(context, copies, k => new JsonObject { ["CurrentValue"] = items[k]?.DeepClone(), ["CurrentIndex"] = k });
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion)
    {
        if (Branches.Arrive(context, child))
            context.Complete();
        return ValueTask.CompletedTask;
    }
}
