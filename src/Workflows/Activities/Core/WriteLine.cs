using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Justice.Workflows.Activities.Core;

/// <summary>Writes a line of text to the log and keeps it in the journal.</summary>
[Activity("Elsa", "WriteLine", Category = "基础", DisplayName = "输出文本", Description = "把一行文本写入日志和流水。")]
public sealed class WriteLine : Activity
{
    [Input(DisplayName = "文本", UIHint = "singleline")]
    public Input<string>? Text { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var text = await context.EvaluateAsync(Text) ?? "";
        context.JournalData["text"] = text;
        context.Services.GetService<ILoggerFactory>()?.CreateLogger("Justice.Workflows.WriteLine")
            .LogInformation("[{InstanceId}] {Text}", context.Workflow.InstanceId, text);
        context.Complete();
    }
}
