using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Inside a flowchart: waits one interval, then continues (a durable timer).</summary>
[Activity("Elsa", "Timer", Category = "等待", DisplayName = "定时器", Description = "等待一个时间间隔后继续（持久化定时器）。")]
public sealed class Timer : Activity
{
    [Input(DisplayName = "间隔", UIHint = "timespan")]
    public Input<TimeSpan>? Interval { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var interval = await context.EvaluateAsync(Interval);
        if (interval <= System.TimeSpan.Zero)
            throw new WorkflowFaultException("invalid-input", "定时器的间隔必须大于零。");
        var at = context.Now + interval;
        context.CreateBookmark(new BookmarkRequest(new JsonObject { ["resumeAt"] = at }) { ResumeAt = at });
    }
}
