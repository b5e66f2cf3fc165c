using System.Text.Json.Nodes;
using Cronos;
using Justice.Workflows.Activities.Http;
using Justice.Workflows.Common;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Activities.Core;

/// <summary>
/// A cron schedule (with seconds, as Elsa's Cronos parser reads it), in the bureau's time zone: as the trigger of a
/// published definition it starts an instance at every occurrence; inside a running one it waits for the next one.
/// </summary>
[Activity("Elsa", "Cron", Category = "等待", DisplayName = "Cron 定时", Description = "按 Cron 表达式（含秒）定时：可定时启动流程，或在流程中等待下一个时间点。")]
public sealed class Cron : Activity
{
    public const string TypeName = "Elsa.Cron";

    [Input(DisplayName = "Cron 表达式", Description = "六段式：秒 分 时 日 月 周，如 0 0 * * * * 为每小时整点。", UIHint = "singleline")]
    public Input<string>? CronExpression { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.Workflow.TryTakeTrigger(this, out _))
        {
            context.Complete();
            return;
        }
        var text = await context.EvaluateAsync(CronExpression);
        var expression = Parse(text, out var error) ?? throw new WorkflowFaultException("invalid-input", $"活动“{DisplayName}”的 Cron 表达式无效：{error}");
        var at = NextOccurrence(expression, context.Now, Zone(context.Services))
            ?? throw new WorkflowFaultException("invalid-input", $"活动“{DisplayName}”的 Cron 表达式“{text}”不会再有下一个时间点。");
        context.JournalData["executeAt"] = at;
        context.CreateBookmark(new BookmarkRequest(new JsonObject { ["resumeAt"] = at, ["cronExpression"] = text }) { ResumeAt = at });
    }

    public override void Validate(DefinitionValidationContext context)
    {
        if (CronExpression is null)
        {
            context.Add(this, DefinitionProblem.InvalidInput, "cronExpression", $"活动“{DisplayName}”缺少 Cron 表达式。");
            return;
        }
        if (StaticInput.TryGet(CronExpression, out var text) && Parse(text, out var error) is null)
            context.Add(this, DefinitionProblem.InvalidInput, "cronExpression", $"活动“{DisplayName}”的 Cron 表达式“{text}”无效：{error}");
    }

    public override DateTimeOffset? NextScheduledStart(DateTimeOffset after, IServiceProvider services) =>
        CanStartWorkflow && StaticExpression() is { } expression ? NextOccurrence(expression, after, Zone(services)) : null;

    /// <summary>The literal expression written in the definition, when there is one (a trigger's schedule).</summary>
    public CronExpression? StaticExpression() =>
        StaticInput.TryGet(CronExpression, out var text) ? Parse(text, out _) : null;

    /// <summary>Parses with seconds (Elsa's format); the error is Cronos' message, which says which field is wrong.</summary>
    public static CronExpression? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "表达式为空。";
            return null;
        }
        try
        {
            return Cronos.CronExpression.Parse(text.Trim(), CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in the zone.</summary>
    public static DateTimeOffset? NextOccurrence(CronExpression expression, DateTimeOffset after, TimeZoneInfo zone) =>
        expression.GetNextOccurrence(after, zone, inclusive: false);

    /// <summary>The bureau's zone: the statutory calendar's when the host has one, else <c>Workflows:TimeZone</c>.</summary>
    public static TimeZoneInfo Zone(IServiceProvider services)
    {
        if (services.GetService(typeof(IScriptTimeZone)) is IScriptTimeZone calendar)
            return calendar.Zone;
        var name = (services.GetService(typeof(IOptions<WorkflowOptions>)) as IOptions<WorkflowOptions>)?.Value.TimeZone ?? "Asia/Shanghai";
        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : TimeZoneInfo.Utc;
    }
}
