using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Justice.Workflows.Expressions;

/// <summary>
/// C# expressions and <c>Elsa.RunCSharp</c> scripts as Elsa 3 runs them: Roslyn scripting, the script's last
/// expression (or its <c>return</c>) the result, Elsa's globals (<see cref="CSharpGlobals"/>). Unlike Elsa, a script
/// may only touch the types of <see cref="CSharpSandbox.AllowedTypes"/>, and it runs under the limits of
/// <c>Workflows:Scripts</c>: the timeout, the statement budget and the allocation budget are checked at every loop
/// iteration. A script is compiled once per definition version and text, and the compiled delegate is kept.
/// </summary>
public sealed class CSharpEvaluator(ScriptLimits limits)
{
    readonly ConcurrentDictionary<string, Lazy<Compiled>> _scripts = new(StringComparer.Ordinal);
    int _compilations;

    /// <summary>How many scripts this evaluator has compiled (each distinct definition version and script once).</summary>
    public int Compilations => _compilations;

    sealed record Compiled(ScriptRunner<object>? Runner, string? Error);

    static readonly ScriptOptions Options = ScriptOptions.Default
        .WithReferences(
            typeof(object).Assembly,
            typeof(Enumerable).Assembly,
            typeof(List<>).Assembly,
            typeof(HashSet<>).Assembly,
            typeof(JsonNode).Assembly,
            typeof(CSharpGlobals).Assembly,
            System.Reflection.Assembly.Load("System.Runtime"),
            System.Reflection.Assembly.Load("System.Collections"))
        .WithImports("System", "System.Linq", "System.Collections.Generic", "System.Text.Json.Nodes", "Justice.Workflows.Expressions.CSharp")
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithAllowUnsafe(false)
        .WithEmitDebugInformation(false);

    static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>Parses a script without compiling it; returns the first syntax error, or null.</summary>
    public static string? CheckSyntax(string script)
    {
        var error = CSharpSyntaxTree.ParseText(script, ParseOptions).GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        return error is null ? null : Describe(error);
    }

    /// <summary>
    /// What publishing reports about a script: the forbidden types and members it uses (<paramref name="forbidden"/>)
    /// or else its first compile error (<paramref name="error"/>).
    /// </summary>
    public static void Check(string script, CSharpPrelude prelude, out IReadOnlyList<string> forbidden, out string? error)
    {
        var (compiled, tree) = Build(script, prelude);
        forbidden = CSharpSandbox.Check(compiled.GetCompilation(), tree);
        error = forbidden.Count > 0 ? null : FirstError(compiled);
    }

    public async ValueTask<JsonNode?> EvaluateAsync(string script, IExpressionContext context, CancellationToken cancellationToken = default)
    {
        var prelude = PreludeOf(context);
        var key = $"{context.DefinitionId}\u0001{context.DefinitionVersion}\u0001{prelude.Code()}\u0001{script}";
        var compiled = _scripts.GetOrAdd(key, _ => new Lazy<Compiled>(() => Compile(script, prelude))).Value;
        if (compiled.Error is not null)
            throw new ExpressionException(compiled.Error);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limits.Timeout > TimeSpan.Zero)
            deadline.CancelAfter(limits.Timeout);
        var budget = new ScriptBudget(limits, deadline.Token);
        object? value;
        try
        {
            value = await compiled.Runner!(new CSharpGlobals(context, budget), CancellationToken.None);
        }
        catch (ScriptLimitException ex)
        {
            throw new ExpressionException(ex.Message, ex);
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new ExpressionException("C# 脚本超出递归深度上限。", ex);
        }
        catch (Exception ex) when (ex is ExpressionException or WorkflowFaultException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new ExpressionException($"C# 错误：{ex.GetType().Name}: {ex.Message}", ex);
        }
        if (budget.Tripped is { } tripped)
            throw new ExpressionException(tripped);
        try
        {
            return ValueConverter.ToJson(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new ExpressionException($"C# 脚本的值不能转换为 JSON：{ex.Message}", ex);
        }
    }

    Compiled Compile(string script, CSharpPrelude prelude)
    {
        Interlocked.Increment(ref _compilations);
        var (compiled, tree) = Build(script, prelude);
        var forbidden = CSharpSandbox.Check(compiled.GetCompilation(), tree);
        if (forbidden.Count > 0)
            return new Compiled(null, $"C# 脚本使用了不允许的类型或成员：{string.Join("、", forbidden)}。");
        if (FirstError(compiled) is { } error)
            return new Compiled(null, $"C# 编译错误：{error}");
        return new Compiled(compiled.CreateDelegate(), null);
    }

    /// <summary>The prelude (the Variables/Inputs proxies) and, after it, the script with a tick in every loop.</summary>
    static (Script<object> Script, SyntaxTree Tree) Build(string script, CSharpPrelude prelude)
    {
        var parsed = CSharpSyntaxTree.ParseText(script, ParseOptions);
        var ticked = CSharpSandbox.AddTicks(parsed.GetRoot()).ToFullString();
        var head = CSharpScript.Create(prelude.Code(), Options, typeof(CSharpGlobals));
        var compiled = head.ContinueWith(ticked, Options);
        var tree = compiled.GetCompilation().SyntaxTrees.Single();
        if (!tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax>().Any())
            return (compiled, tree);
        var withLambdaTicks = head.ContinueWith(CSharpSandbox.AddLambdaTicks(compiled.GetCompilation(), tree).ToFullString(), Options);
        // A lambda whose body's type cannot be inferred through __Tick(e) (say `x => null`) keeps its body unticked.
        if (FirstError(withLambdaTicks) is not null && FirstError(compiled) is null)
            return (compiled, tree);
        return (withLambdaTicks, withLambdaTicks.GetCompilation().SyntaxTrees.Single());
    }

    static string? FirstError(Script<object> script)
    {
        var error = script.GetCompilation().GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        return error is null ? null : Describe(error);
    }

    static string Describe(Diagnostic diagnostic)
    {
        var line = diagnostic.Location.GetLineSpan().StartLinePosition;
        return $"({line.Line + 1},{line.Character + 1}) {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    static CSharpPrelude PreludeOf(IExpressionContext context) =>
        new(context.VariableNames.Select(n => (n, context.VariableType(n) ?? typeof(object))).ToList(), context.InputNames.ToList());

    /// <summary>The prelude for a definition being published: its variables (with their declared types) and inputs.</summary>
    public static CSharpPrelude PreludeOf(IEnumerable<VariableDefinition> variables, IEnumerable<string> inputs) =>
        new(variables.Select(v => (v.Name, TypeOf(v))).ToList(), inputs.ToList());

    internal static Type TypeOf(VariableDefinition variable)
    {
        try
        {
            return TypeNames.Resolve(variable.TypeName, variable.IsArray);
        }
        catch (Exception)
        {
            return typeof(object);
        }
    }
}
