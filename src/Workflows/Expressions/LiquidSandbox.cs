using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using FluidExpression = Fluid.Ast.Expression;

namespace Justice.Workflows.Expressions;

/// <summary>
/// The Liquid half of the script sandbox. Fluid counts loop steps and recursion but has no clock, builds a range
/// whole before a loop counts anything, and lets a value or the output grow without bound; so each parsed template
/// is rewritten once: every statement checks the deadline (and, for <c>assign</c> and <c>capture</c>, the size of
/// what it stored), every filter result is checked for size, and a range longer than the step limit is refused
/// before it is built. The output is written through a writer that counts its bytes.
/// </summary>
internal sealed class LiquidSandbox : AstRewriter
{
    public static IFluidTemplate Apply(IFluidTemplate template) => new LiquidSandbox().VisitTemplate(template);

    public override Statement Visit(Statement statement)
    {
        var visited = base.Visit(statement);
        // Else, elsif and when branches sit in lists typed for them; their bodies are checked statement by statement.
        return visited is null or ElseStatement or ElseIfStatement or WhenStatement ? visited! : new CheckedStatement(visited);
    }

    // Include and render read no files here (no file provider); left as they are, their typed lists stay intact.
    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement) => includeStatement;

    protected override Statement VisitRenderStatement(RenderStatement renderStatement) => renderStatement;

    protected override FluidExpression VisitFilterExpression(FilterExpression filterExpression) =>
        new CheckedFilter(base.VisitFilterExpression(filterExpression), filterExpression.Name);

    protected override FluidExpression VisitRangeExpression(RangeExpression rangeExpression) =>
        base.VisitRangeExpression(rangeExpression) is RangeExpression range ? new BoundedRange(range.From, range.To) : rangeExpression;

    sealed class CheckedStatement(Statement inner) : Statement
    {
        readonly string? _stores = inner switch
        {
            AssignStatement assign => assign.Identifier,
            CaptureStatement capture => capture.Identifier,
            _ => null,
        };

        public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            var sandbox = context as SandboxedTemplateContext;
            sandbox?.CheckDeadline();
            var completion = await inner.WriteToAsync(writer, encoder, context);
            if (sandbox is not null && _stores is not null)
                sandbox.CheckSize(context.GetValue(_stores), $"变量“{_stores}”");
            return completion;
        }
    }

    sealed class CheckedFilter(FluidExpression inner, string name) : FluidExpression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var value = await inner.EvaluateAsync(context);
            if (context is SandboxedTemplateContext sandbox)
            {
                sandbox.CheckDeadline();
                sandbox.CheckSize(value, $"过滤器“{name}”的结果");
            }
            return value;
        }
    }

    sealed class BoundedRange(FluidExpression from, FluidExpression to) : FluidExpression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var start = Convert.ToInt32((await from.EvaluateAsync(context)).ToNumberValue());
            var end = Convert.ToInt32((await to.EvaluateAsync(context)).ToNumberValue());
            var length = end < start ? 0 : (long)end - start + 1;
            (context as SandboxedTemplateContext)?.CheckRange(start, end, length);
            var items = new FluidValue[length];
            for (var i = 0; i < items.Length; i++)
                items[i] = NumberValue.Create(start + i);
            return new ArrayValue(items);
        }
    }
}

/// <summary>A render's limits: its deadline, the step limit for ranges, the size of values and of the output.</summary>
internal sealed class SandboxedTemplateContext(TemplateOptions options, ScriptLimits limits, CancellationToken deadline) : TemplateContext(options)
{
    public void CheckDeadline() => deadline.ThrowIfCancellationRequested();

    public void CheckRange(int start, int end, long length)
    {
        CheckDeadline();
        if (limits.MaxStatements > 0 && length > limits.MaxStatements)
            throw new ExpressionException($"Liquid 范围 ({start}..{end}) 有 {length} 个元素，超出步数上限（{limits.MaxStatements}）。");
    }

    public void CheckSize(FluidValue value, string what)
    {
        if (limits.MaxValueBytes <= 0)
            return;
        var tooLarge = value switch
        {
            StringValue s => s.ToStringValue() is var text && (text.Length > limits.MaxValueBytes || Encoding.UTF8.GetByteCount(text) > limits.MaxValueBytes),
            // Each item takes at least a byte and a separator.
            ArrayValue a => a.Values.Count * 2L > limits.MaxValueBytes,
            _ => false,
        };
        if (tooLarge)
            throw TooLarge($"Liquid {what}", limits.MaxValueBytes);
    }

    public static ExpressionException TooLarge(string what, long maxBytes) =>
        new($"{what}超出大小上限（{ValueSize.Describe(maxBytes)}）。", code: ValueSize.TooLargeCode);
}

/// <summary>The output of a render, refused once it passes the size limit (UTF-8 bytes) or the deadline.</summary>
internal sealed class BoundedWriter(long maxBytes, CancellationToken deadline) : StringWriter(CultureInfo.InvariantCulture)
{
    long _bytes;

    public override void Write(char value)
    {
        Count([value]);
        base.Write(value);
    }

    public override void Write(string? value)
    {
        Count(value);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Count(buffer.AsSpan(index, count));
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Count(buffer);
        base.Write(buffer);
    }

    void Count(ReadOnlySpan<char> text)
    {
        deadline.ThrowIfCancellationRequested();
        if (maxBytes <= 0)
            return;
        _bytes += text.Length > maxBytes ? text.Length : Encoding.UTF8.GetByteCount(text);
        if (_bytes > maxBytes)
            throw SandboxedTemplateContext.TooLarge("Liquid 输出", maxBytes);
    }
}
