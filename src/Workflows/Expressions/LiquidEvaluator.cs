using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using Fluid;
using Fluid.Values;

namespace Justice.Workflows.Expressions;

/// <summary>
/// Liquid expressions through Fluid, as Elsa evaluates them: the model exposes <c>Variables</c>, <c>Input</c>,
/// <c>CorrelationId</c>, <c>WorkflowInstanceId</c>, <c>WorkflowDefinitionId</c>, <c>WorkflowDefinitionVersion</c>,
/// and the filters <c>base64</c> and <c>keys</c>. Templates are parsed once and cached.
/// </summary>
public sealed class LiquidEvaluator
{
    static readonly FluidParser Parser = new();
    readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);
    readonly TemplateOptions _options;
    readonly ScriptLimits _limits;

    public LiquidEvaluator(ScriptLimits limits)
    {
        _limits = limits;
        _options = new TemplateOptions { MaxSteps = limits.MaxStatements, MaxRecursion = limits.MaxRecursion };
        _options.Filters.AddFilter("base64", static (input, _, _) =>
            new StringValue(Convert.ToBase64String(Encoding.UTF8.GetBytes(input.ToStringValue()))));
        _options.Filters.AddFilter("keys", (input, _, _) =>
        {
            var keys = input.ToObjectValue() switch
            {
                IFluidIndexable indexable => indexable.Keys.ToList(),
                IDictionary<string, object?> d => d.Keys.ToList(),
                IDictionary d => d.Keys.Cast<object>().Select(k => k.ToString()!).ToList(),
                _ => [],
            };
            return new ArrayValue(keys.Select(k => (FluidValue)new StringValue(k)).ToList());
        });
    }

    /// <summary>Parses a template without rendering it; returns the error, or null when it parses.</summary>
    public static string? CheckSyntax(string template) => Parser.TryParse(template, out _, out var error) ? null : error;

    public async ValueTask<string> RenderAsync(string template, IExpressionContext context, CancellationToken cancellationToken = default)
    {
        var parsed = _templates.GetOrAdd(template, static t =>
            Parser.TryParse(t, out var result, out var error) ? LiquidSandbox.Apply(result) : throw new ExpressionException($"Liquid 语法错误：{error}"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_limits.Timeout > TimeSpan.Zero)
            deadline.CancelAfter(_limits.Timeout);
        var model = new SandboxedTemplateContext(_options, _limits, deadline.Token);
        model.SetValue("Variables", context.VariableNames.ToDictionary(n => n, n => ValueConverter.ToPlain(context.GetVariable(n))));
        // Workflow inputs are matched without regard to case, as Elsa's input dictionary does.
        model.SetValue("Input", new Dictionary<string, object?>(
            context.Input.Select(p => KeyValuePair.Create(p.Key, ValueConverter.ToPlain(p.Value))), StringComparer.OrdinalIgnoreCase));
        model.SetValue("CorrelationId", context.CorrelationId);
        model.SetValue("WorkflowInstanceId", context.InstanceId);
        model.SetValue("WorkflowDefinitionId", context.DefinitionId);
        model.SetValue("WorkflowDefinitionVersion", context.DefinitionVersion);
        try
        {
            using var output = new BoundedWriter(_limits.MaxValueBytes, deadline.Token);
            await parsed.RenderAsync(output, NullEncoder.Default, model);
            return output.ToString();
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExpressionException($"Liquid 超出时间上限（{_limits.Timeout.TotalSeconds:0.###} 秒）。", ex);
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("The maximum level of recursion", StringComparison.Ordinal))
        {
            // Fluid reports both of its limits, steps and recursion, with this one message.
            throw new ExpressionException($"Liquid 超出步数上限（{_limits.MaxStatements}）或递归深度上限（{_limits.MaxRecursion}）。", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ExpressionException($"Liquid 错误：{ex.Message}", ex);
        }
    }
}
