using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Justice.Workflows.Common;

namespace Justice.Workflows.Expressions;

/// <summary>
/// JavaScript expressions as Elsa 3 evaluates them: Jint, the script parsed with
/// <c>AllowReturnOutsideFunction</c>, its completion value the result, Elsa's helper functions, and a sandbox.
/// Scripts are parsed once and cached by their text; each evaluation gets a fresh engine (engines are not thread-safe).
/// </summary>
public sealed class JavaScriptEvaluator(ScriptLimits limits, TimeProvider? clock = null, IScriptTimeZone? calendar = null)
{
    /// <summary>Beijing time when no calendar is configured (tests constructing the evaluator alone).</summary>
    static readonly TimeZoneInfo DefaultZone = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");

    readonly ConcurrentDictionary<string, Prepared<Script>> _scripts = new(StringComparer.Ordinal);

    static readonly ScriptPreparationOptions PreparationOptions = new()
    {
        ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true, Tolerant = false },
    };

    /// <summary>Parses a script without running it; returns the syntax error, or null when it parses.</summary>
    public static string? CheckSyntax(string script)
    {
        try
        {
            Engine.PrepareScript(script, options: PreparationOptions);
            return null;
        }
        catch (Exception ex)
        {
            return ex.Message;
        }
    }

    public JsonNode? Evaluate(string script, IExpressionContext context)
    {
        Prepared<Script> prepared;
        try
        {
            prepared = _scripts.GetOrAdd(script, static s => Engine.PrepareScript(s, options: PreparationOptions));
        }
        catch (Exception ex)
        {
            throw new ExpressionException($"JavaScript 语法错误：{ex.Message}", ex);
        }

        var engine = CreateEngine();
        var variablesSnapshot = Register(engine, context);
        if (script.Contains("From", StringComparison.Ordinal))
            RegisterOutputAccessors(engine, context, script);
        RegisterClock(engine);
        try
        {
            var result = engine.Evaluate(prepared);
            WriteBackVariablesObject(engine, context, variablesSnapshot);
            return FromJs(engine, result);
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException(DescribeError(ex), ex);
        }
        catch (Exception ex) when (ex is TimeoutException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new ExpressionException($"JavaScript 超出时间上限（{limits.Timeout.TotalSeconds:0.###} 秒）。", ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException($"JavaScript 超出语句数上限（{limits.MaxStatements}）。", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException($"JavaScript 超出内存上限（{limits.MaxMemoryBytes / 1024 / 1024} MB）。", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException($"JavaScript 超出递归深度上限（{limits.MaxRecursion}）。", ex);
        }
        catch (Exception ex) when (ex is ExpressionException or Justice.Workflows.Common.WorkflowFaultException)
        {
            // A limit or a refused value from a function the script called (setVariable): reported as it is.
            throw;
        }
        catch (Exception ex)
        {
            throw new ExpressionException($"JavaScript 错误：{ex.Message}", ex);
        }
    }

    Engine CreateEngine()
    {
        var engine = new Engine(options => options
            .TimeoutInterval(limits.Timeout)
            .RegexTimeoutInterval(limits.Timeout)
            .MaxStatements(limits.MaxStatements)
            .LimitMemory(limits.MaxMemoryBytes)
            .LimitRecursion(limits.MaxRecursion)
            .Strict(false));
        if (limits.MaxMemoryBytes > 0)
            GuardRepeat(engine);
        return engine;
    }

    /// <summary>
    /// Jint builds <c>'x'.repeat(n)</c> in one allocation and checks the memory limit only at the next statement:
    /// a string larger than the limit is refused before it is built.
    /// </summary>
    void GuardRepeat(Engine engine)
    {
        var prototype = engine.GetValue("String").AsObject().Get("prototype").AsObject();
        var repeat = prototype.Get("repeat");
        prototype.Set("repeat", new ClrFunction(engine, "repeat", (thisObject, arguments) =>
        {
            var count = TypeConverter.ToNumber(arguments.At(0));
            if (TypeConverter.ToString(thisObject).Length * count * sizeof(char) > limits.MaxMemoryBytes)
                throw new MemoryLimitExceededException($"String.prototype.repeat would allocate more than {limits.MaxMemoryBytes} bytes");
            return engine.Call(repeat, thisObject, arguments);
        }, 1));
    }

    static string DescribeError(JavaScriptException ex)
    {
        if (ex.Error is Jint.Native.Object.ObjectInstance error)
        {
            var name = error.Get("name");
            var message = error.Get("message");
            if (!name.IsUndefined())
                return $"{TypeConverter.ToString(name)}: {TypeConverter.ToString(message)}";
        }
        return ex.Message;
    }

    /// <summary>
    /// <c>today()</c> → <c>"2026-12-04"</c> and <c>now()</c> → <c>"2026-12-04T07:30:00+08:00"</c> in the calendar's zone
    /// (Asia/Shanghai), from the engine's clock: acts recorded between 00:00 and 08:00 Beijing time carry their own
    /// date, not yesterday's UTC date that <c>new Date().toISOString()</c> gives.
    /// </summary>
    void RegisterClock(Engine engine)
    {
        var local = TimeZoneInfo.ConvertTime((clock ?? TimeProvider.System).GetUtcNow(), calendar?.Zone ?? DefaultZone);
        engine.SetValue("today", new Func<string>(() => local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        engine.SetValue("now", new Func<string>(() => local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Elsa's <c>get{Output}From{ActivityName}()</c>: an output of a named activity (the script must name it).</summary>
    static void RegisterOutputAccessors(Engine engine, IExpressionContext context, string script)
    {
        foreach (var (activityName, activityId, outputNames) in context.ActivityOutputs)
        {
            foreach (var outputName in outputNames)
            {
                var accessor = $"get{Pascal(outputName)}From{Justice.Workflows.Definitions.NameCase.Pascalize(activityName)}";
                if (!script.Contains(accessor, StringComparison.Ordinal) || !IsIdentifier(accessor))
                    continue;
                var (id, name) = (activityId, outputName);
                engine.SetValue(accessor, new Func<JsValue>(() => ToJs(engine, context.GetOutputFrom(id, name))));
            }
        }

        static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
        static bool IsIdentifier(string name) => name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
    }

    /// <summary>Registers Elsa's functions; returns the JSON of the <c>variables</c> object as given to the script.</summary>
    static Dictionary<string, string> Register(Engine engine, IExpressionContext context)
    {
        engine.SetValue("getVariable", new Func<string, JsValue>(name => ToJs(engine, context.GetVariable(name))));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) => context.SetVariable(name, FromJs(engine, value))));
        engine.SetValue("getInput", new Func<string, JsValue>(name => ToJs(engine, context.GetInput(name))));
        engine.SetValue("getWorkflowInstanceId", new Func<string>(() => context.InstanceId));
        engine.SetValue("getWorkflowDefinitionId", new Func<string>(() => context.DefinitionId));
        engine.SetValue("getCorrelationId", new Func<string?>(() => context.CorrelationId));
        engine.SetValue("setCorrelationId", new Action<JsValue>(v => context.CorrelationId = v.IsNull() || v.IsUndefined() ? null : TypeConverter.ToString(v)));
        engine.SetValue("getWorkflowInstanceName", new Func<string?>(() => context.InstanceName));
        engine.SetValue("setWorkflowInstanceName", new Action<JsValue>(v => context.InstanceName = v.IsNull() || v.IsUndefined() ? null : TypeConverter.ToString(v)));
        engine.SetValue("getLastResult", new Func<JsValue>(() => ToJs(engine, context.LastResult)));
        engine.SetValue("getOutputFrom", new ClrFunction(engine, "getOutputFrom", (_, args) =>
            ToJs(engine, context.GetOutputFrom(TypeConverter.ToString(args.At(0)), args.At(1).IsString() ? args.At(1).AsString() : null))));
        engine.SetValue("setOutcome", new Action<string>(outcome => context.SetOutcomes([outcome])));
        engine.SetValue("setOutcomes", new Action<JsValue>(outcomes => context.SetOutcomes(
            outcomes is JsArray array ? array.Select(o => TypeConverter.ToString(o)).ToList() : [TypeConverter.ToString(outcomes)])));
        engine.SetValue("isNullOrEmpty", new Func<JsValue, bool>(v => v.IsNull() || v.IsUndefined() || (v.IsString() && v.AsString().Length == 0)));
        engine.SetValue("isNullOrWhiteSpace", new Func<JsValue, bool>(v => v.IsNull() || v.IsUndefined() || (v.IsString() && string.IsNullOrWhiteSpace(v.AsString()))));
        engine.SetValue("toJson", new Func<JsValue, string>(v => FromJs(engine, v)?.ToJsonString(WorkflowJson.Compact) ?? "null"));
        engine.SetValue("newGuid", new Func<string>(() => Guid.NewGuid().ToString()));
        engine.SetValue("newGuidString", new Func<string>(() => Guid.NewGuid().ToString()));
        engine.SetValue("newShortGuid", new Func<string>(NewShortGuid));
        engine.SetValue("parseGuid", new Func<string, string>(s => Guid.Parse(s).ToString()));

        foreach (var name in context.VariableNames)
        {
            var variable = name;
            engine.SetValue($"get{variable}", new Func<JsValue>(() => ToJs(engine, context.GetVariable(variable))));
            engine.SetValue($"set{variable}", new Action<JsValue>(value => context.SetVariable(variable, FromJs(engine, value))));
        }
        foreach (var name in context.InputNames)
        {
            var input = name;
            if (!context.VariableNames.Contains(input))
                engine.SetValue($"get{input}", new Func<JsValue>(() => ToJs(engine, context.GetInput(input))));
        }

        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        var variables = new JsonObject();
        foreach (var name in context.VariableNames)
        {
            var value = context.GetVariable(name)?.DeepClone();
            snapshot[name] = value?.ToJsonString(WorkflowJson.Compact) ?? "null";
            variables[name] = value;
        }
        engine.SetValue("variables", ToJs(engine, variables));
        return snapshot;
    }

    static void WriteBackVariablesObject(Engine engine, IExpressionContext context, Dictionary<string, string> snapshot)
    {
        if (engine.GetValue("variables") is not Jint.Native.Object.ObjectInstance variables)
            return;
        foreach (var (name, before) in snapshot)
        {
            var now = FromJs(engine, variables.Get(name));
            if ((now?.ToJsonString(WorkflowJson.Compact) ?? "null") != before)
                context.SetVariable(name, now);
        }
    }

    static string NewShortGuid() =>
        Convert.ToBase64String(Guid.NewGuid().ToByteArray()).Replace('/', '_').Replace('+', '-')[..22];

    internal static JsValue ToJs(Engine engine, JsonNode? node)
    {
        if (node is null)
            return JsValue.Null;
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case System.Text.Json.JsonValueKind.String: return new JsString(value.GetValue<string>());
                case System.Text.Json.JsonValueKind.Number: return new JsNumber(double.Parse(value.ToJsonString(WorkflowJson.Compact), System.Globalization.CultureInfo.InvariantCulture));
                case System.Text.Json.JsonValueKind.True: return JsBoolean.True;
                case System.Text.Json.JsonValueKind.False: return JsBoolean.False;
                case System.Text.Json.JsonValueKind.Null: return JsValue.Null;
            }
        }
        return new JsonParser(engine).Parse(node.ToJsonString(WorkflowJson.Compact));
    }

    internal static JsonNode? FromJs(Engine engine, JsValue value)
    {
        if (value.IsNull() || value.IsUndefined())
            return null;
        if (value.IsString())
            return JsonValue.Create(value.AsString());
        if (value.IsBoolean())
            return JsonValue.Create(value.AsBoolean());
        if (value.IsNumber())
            return Expressions.ValueConverter.ToJson(value.AsNumber());
        if (value.IsDate())
            return JsonValue.Create(value.AsDate().ToDateTime());
        var text = new JsonSerializer(engine).Serialize(value);
        return text.IsString() ? JsonNode.Parse(text.AsString()) : null;
    }
}
