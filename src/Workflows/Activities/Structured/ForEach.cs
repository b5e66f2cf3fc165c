using System.Text.Json.Nodes;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Activities.Structured;

/// <summary>Runs its body once per item, one after another, with <c>CurrentValue</c> and <c>CurrentIndex</c>; Break ends it.</summary>
[Activity("Elsa", "ForEach", Category = "结构", DisplayName = "逐项循环", Description = "对每一项依次执行循环体。")]
public sealed class ForEach : CompositeActivity, ILoopActivity
{
    const string ItemsKey = "items";
    const string NextKey = "next";
    Activity? _body;

    [Input(DisplayName = "项目", UIHint = "multiline")]
    public Input<object>? Items { get; set; }

    [Output(DisplayName = "当前值")]
    public Output<object>? CurrentValue { get; set; }

    protected override IEnumerable<ChildSlot> Slots() => Single("body");

    protected override void Bind(IReadOnlyDictionary<string, Activity> children) => _body = children.GetValueOrDefault("body");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Data[ItemsKey] = ItemList.Of(await context.EvaluateJsonAsync(Items));
        Next(context, 0);
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, Activity child, ChildCompletion completion)
    {
        Next(context, context.Data[NextKey]!.GetValue<int>());
        return ValueTask.CompletedTask;
    }

    void Next(ActivityExecutionContext context, int index)
    {
        var items = (JsonArray)context.Data[ItemsKey]!;
        if (index >= items.Count)
        {
            context.Complete();
            return;
        }
        var value = items[index]?.DeepClone();
        context.Data[NextKey] = index + 1;
        context.SetOutput(CurrentValue, "currentValue", value?.DeepClone());
        if (_body is null)
            context.Complete();
        else
            context.ScheduleChild(_body, new JsonObject { ["CurrentValue"] = value, ["CurrentIndex"] = index });
    }
}

/// <summary>The items a loop runs over: an array as it is, a JSON array in text parsed, anything else one item.</summary>
static class ItemList
{
    public static JsonArray Of(JsonNode? value) => value switch
    {
        JsonArray array => (JsonArray)array.DeepClone(),
        JsonValue v when v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('[') => JsonNode.Parse(text) as JsonArray ?? [],
        null => [],
        _ => [value.DeepClone()],
    };
}
