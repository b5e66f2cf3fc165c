using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Waits for a time span (a durable timer: it fires after a restart too).</summary>
[Activity("Elsa", "Delay", Category = "等待", DisplayName = "延时", Description = "等待一段时间（持久化定时器）。")]
public sealed class Delay : Activity
{
    [Input(DisplayName = "时长", UIHint = "timespan")]
    public Input<TimeSpan>? TimeSpan { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var span = await context.EvaluateAsync(TimeSpan);
        var at = context.Now + span;
        context.CreateBookmark(new BookmarkRequest(new JsonObject { ["resumeAt"] = at }) { ResumeAt = at });
    }
}
