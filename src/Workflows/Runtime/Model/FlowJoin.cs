using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Runtime.Model;

/// <summary>
/// Merges branches. WaitAny runs on the first arrival and cancels what still runs upstream; WaitAll runs when
/// every inbound connection was followed; WaitAllActive when all are decided and at least one was followed.
/// The interpreter applies the mode; the activity itself only completes.
/// </summary>
[Activity("Elsa", "FlowJoin", Category = "分支", DisplayName = "汇合", Description = "等待分支汇合（WaitAny / WaitAll / WaitAllActive）。")]
public sealed class FlowJoin : Activity
{
    [Input(DisplayName = "汇合方式", UIHint = "dropdown", Options = ["WaitAny", "WaitAll", "WaitAllActive"], DefaultValue = "WaitAny")]
    public Input<FlowJoinMode>? Mode { get; set; }

    /// <summary>The join mode, known from the definition (default WaitAny).</summary>
    public FlowJoinMode StaticMode => _mode ??= ReadMode();

    FlowJoinMode? _mode;

    FlowJoinMode ReadMode()
    {
        try
        {
            return StaticValue.TryGet(Mode, out var mode) ? mode : FlowJoinMode.WaitAny;
        }
        catch (FormatException)
        {
            return FlowJoinMode.WaitAny;
        }
    }

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.JournalData["mode"] = StaticMode.ToString();
        context.Complete();
        return ValueTask.CompletedTask;
    }

    public override void Validate(DefinitionValidationContext context)
    {
        if (Mode is not null && !StaticValue.IsStatic(Mode.Expression))
            context.Add(this, DefinitionProblem.InvalidInput, "mode", $"活动“{DisplayName}”的汇合方式必须是固定值。");
    }
}

public enum FlowJoinMode
{
    WaitAny,
    WaitAll,
    WaitAllActive,
}
