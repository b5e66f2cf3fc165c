using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Core;

/// <summary>Waits until a point in time (a durable timer); a time in the past continues at once.</summary>
[Activity("Elsa", "StartAt", Category = "等待", DisplayName = "定时开始", Description = "等到指定时刻后继续（持久化定时器）。")]
public sealed class StartAt : Activity
{
    [Input(DisplayName = "时刻", UIHint = "datetime")]
    public Input<DateTimeOffset>? DateTime { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var at = await context.EvaluateAsync(DateTime);
        if (at <= context.Now)
        {
            context.Complete();
            return;
        }
        context.CreateBookmark(new BookmarkRequest(new JsonObject { ["resumeAt"] = at }) { ResumeAt = at });
    }
}
