using System.Text.Json.Nodes;

namespace Justice.Workflows.Expressions.CSharp;

/// <summary>
/// What a C# script sees, with Elsa's names: <c>Variables</c>/<c>Variable</c> and <c>Inputs</c>/<c>Input</c> (generated
/// per definition, see <see cref="CSharpPrelude"/>), <c>Output</c>, <c>Outcome</c>, <c>ExecutionContext</c>,
/// <c>WorkflowInstanceId</c>, <c>CorrelationId</c> and <c>WorkflowInstanceName</c>.
/// </summary>
public sealed class CSharpGlobals
{
    readonly IExpressionContext _context;
    readonly ScriptBudget _budget;

    internal CSharpGlobals(IExpressionContext context, ScriptBudget budget)
    {
        _context = context;
        _budget = budget;
        ExecutionContext = new CSharpExecutionContext(context);
        Output = new CSharpOutput(context);
        Outcome = new CSharpOutcome(context);
    }

    public CSharpExecutionContext ExecutionContext { get; }
    public CSharpOutput Output { get; }
    public CSharpOutcome Outcome { get; }
    public string WorkflowInstanceId => _context.InstanceId;
    public string WorkflowDefinitionId => _context.DefinitionId;

    public string? CorrelationId
    {
        get => _context.CorrelationId;
        set => _context.CorrelationId = value;
    }

    public string? WorkflowInstanceName
    {
        get => _context.InstanceName;
        set => _context.InstanceName = value;
    }

    /// <summary>Called at the start of every loop iteration (inserted by the engine): enforces the script limits.</summary>
    public void __Tick() => _budget.Tick();

    /// <summary>Wraps the body of an expression-bodied lambda (inserted by the engine): enforces the script limits.</summary>
    public T __Tick<T>(T value)
    {
        _budget.Tick();
        return value;
    }
}

/// <summary>Elsa's <c>ExecutionContext</c>: variables and inputs by name.</summary>
public sealed class CSharpExecutionContext
{
    readonly IExpressionContext _context;

    internal CSharpExecutionContext(IExpressionContext context) => _context = context;

    public object? GetVariable(string name) => CSharpValues.ToClr(_context.GetVariable(name));
    public T? GetVariable<T>(string name) => CSharpValues.ToClr<T>(_context.GetVariable(name));
    public void SetVariable(string name, object? value) => _context.SetVariable(name, ValueConverter.ToJson(value));
    public object? GetInput(string name) => CSharpValues.ToClr(_context.GetInput(name));
    public T? GetInput<T>(string name) => CSharpValues.ToClr<T>(_context.GetInput(name));
}

/// <summary>Elsa's <c>Output</c>: outputs of earlier activities and the last result.</summary>
public sealed class CSharpOutput
{
    readonly IExpressionContext _context;

    internal CSharpOutput(IExpressionContext context) => _context = context;

    public object? From(string activityIdOrName, string? outputName = null) => CSharpValues.ToClr(_context.GetOutputFrom(activityIdOrName, outputName));
    public T? From<T>(string activityIdOrName, string? outputName = null) => CSharpValues.ToClr<T>(_context.GetOutputFrom(activityIdOrName, outputName));
    public object? LastResult => CSharpValues.ToClr(_context.LastResult);
}

/// <summary>Elsa's <c>Outcome.Set(...)</c>: the outcomes a RunCSharp completes with.</summary>
public sealed class CSharpOutcome
{
    readonly IExpressionContext _context;

    internal CSharpOutcome(IExpressionContext context) => _context = context;

    public void Set(params string[] outcomeNames) => _context.SetOutcomes(outcomeNames);
}

static class CSharpValues
{
    /// <summary>JSON as a script sees it: string, bool, long or decimal, JsonObject or JsonArray.</summary>
    public static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonValue => ValueConverter.ToPlain(node),
        _ => node.DeepClone(),
    };

    public static T? ToClr<T>(JsonNode? node)
    {
        if (typeof(T) == typeof(object))
            return (T?)ToClr(node);
        if (node is not null && typeof(JsonNode).IsAssignableFrom(typeof(T)))
            return (T?)(object?)node.DeepClone();
        return (T?)ValueConverter.Convert(node, typeof(T));
    }
}

/// <summary>The limits a running script is held to, checked at every loop iteration.</summary>
sealed class ScriptBudget(ScriptLimits limits, CancellationToken deadline)
{
    readonly long _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
    int _ticks;
    string? _tripped;

    /// <summary>The limit a script passed, even if it caught the exception; once passed, every further tick throws again.</summary>
    public string? Tripped => _tripped;

    public void Tick()
    {
        if (_tripped is not null)
            throw new ScriptLimitException(_tripped);
        try
        {
            Check();
        }
        catch (ScriptLimitException ex)
        {
            _tripped = ex.Message;
            throw;
        }
    }

    void Check()
    {
        if (deadline.IsCancellationRequested)
            throw new ScriptLimitException($"C# 脚本超出时间上限（{limits.Timeout.TotalSeconds:0.###} 秒）。");
        if (limits.MaxStatements > 0 && ++_ticks > limits.MaxStatements)
            throw new ScriptLimitException($"C# 脚本超出语句数上限（{limits.MaxStatements}）。");
        if (limits.MaxMemoryBytes > 0 && GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart > limits.MaxMemoryBytes)
            throw new ScriptLimitException($"C# 脚本超出内存上限（{limits.MaxMemoryBytes / 1024 / 1024} MB）。");
    }
}

sealed class ScriptLimitException(string message) : Exception(message);
