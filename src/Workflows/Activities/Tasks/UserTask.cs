using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;

namespace Justice.Workflows.Activities.Tasks;

/// <summary>
/// A human task for a role (or a named user): it waits in the inbox until someone who may act on it completes
/// it with one of its outcomes, which are its ports. Who decided what, when and why lands in the journal.
/// </summary>
[Activity("Justice", "UserTask", Category = "人工任务", DisplayName = "人工任务", Description = "交给某一角色（或指定人员）处理的任务，处理结果即出口。")]
public sealed class UserTask : Activity
{
    [Input(DisplayName = "标题", UIHint = "singleline")]
    public Input<string>? Title { get; set; }

    [Input(DisplayName = "说明", UIHint = "multiline")]
    public Input<string>? Instructions { get; set; }

    [Input(DisplayName = "角色", UIHint = "role-picker")]
    public Input<string>? Role { get; set; }

    [Input(DisplayName = "指定人员", UIHint = "singleline")]
    public Input<string>? Assignee { get; set; }

    [Input(DisplayName = "案件", UIHint = "singleline")]
    public Input<string>? CaseId { get; set; }

    [Input(DisplayName = "处理结果", UIHint = "outcomes")]
    public Input<string[]>? Outcomes { get; set; }

    [Output(DisplayName = "决定", Description = "{outcome, comment, data, userId}")]
    public Output<object>? Result { get; set; }

    public override IReadOnlyCollection<string>? GetPorts()
    {
        try
        {
            return StaticValue.TryGet(Outcomes, out var outcomes) ? DefaultOutcomes(outcomes) : Outcomes is null ? ["Done"] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    static string[] DefaultOutcomes(string[]? outcomes) => outcomes is { Length: > 0 } ? outcomes : ["Done"];

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var title = await context.EvaluateAsync(Title) ?? DisplayName;
        var role = await context.EvaluateAsync(Role);
        var assignee = await context.EvaluateAsync(Assignee);
        if (string.IsNullOrWhiteSpace(role) && string.IsNullOrWhiteSpace(assignee))
            throw new WorkflowFaultException("invalid-input", $"人工任务“{title}”既没有角色也没有指定人员。");
        var outcomes = DefaultOutcomes(await context.EvaluateAsync(Outcomes));
        var task = new HumanTaskRequest(title, role, outcomes)
        {
            Instructions = await context.EvaluateAsync(Instructions),
            Assignee = assignee,
            CaseId = await context.EvaluateAsync(CaseId) ?? context.Workflow.CorrelationId,
        };
        context.JournalData["title"] = title;
        context.JournalData["role"] = role;
        context.CreateBookmark(new BookmarkRequest(new JsonObject
        {
            ["title"] = title,
            ["role"] = role,
            ["assignee"] = assignee,
            ["outcomes"] = new JsonArray(outcomes.Select(o => (JsonNode?)o).ToArray()),
        })
        {
            Task = task,
        });
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, JsonNode? input)
    {
        var outcome = input?["outcome"]?.GetValue<string>() ?? "Done";
        context.JournalData["outcome"] = outcome;
        context.JournalData["by"] = input?["userId"]?.DeepClone();
        context.JournalData["comment"] = input?["comment"]?.DeepClone();
        if (input?["data"] is { } data)
            context.JournalData["data"] = data.DeepClone();
        context.SetOutput(Result, "result", input?.DeepClone());
        context.Complete(outcome);
        return ValueTask.CompletedTask;
    }

    public override void Validate(DefinitionValidationContext context)
    {
        if (Role is null && Assignee is null)
            context.Add(this, DefinitionProblem.InvalidInput, "role", $"人工任务“{DisplayName}”需要角色或指定人员。");
    }
}
