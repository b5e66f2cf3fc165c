using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Justice.Casework.Documents;

/// <summary>
/// Renders the Scriban templates of <c>templates/</c> with a JSON model into HTML. Templates are parsed once per
/// version of their file; rendering has loop, recursion and output limits and sees only the model and the
/// formatting functions (no .NET members). Errors name the template, line and column.
/// Every value a template writes is HTML-encoded (<see cref="HtmlTemplateContext"/>): parties' names, claims and facts
/// are text, never markup. Only what the system itself builds — included templates and <see cref="RawHtml"/> answers of
/// the functions (the QR code) — is written as markup.
/// </summary>
public sealed class DocumentRenderer(IOptions<DocumentOptions> options)
{
    readonly string _root = options.Value.ResolveFolder();
    readonly ConcurrentDictionary<string, (DateTime Stamp, Template Template)> _cache = new(StringComparer.Ordinal);

    public string TemplateFolder => _root;

    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <summary>The template names under the folder (e.g. <c>arbitration/acceptance-notice</c>), for pickers.</summary>
    public IReadOnlyList<string> List() =>
        Directory.Exists(_root)
            ? Directory.GetFiles(_root, "*.html", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/')[..^5])
                .Where(n => !Path.GetFileName(n).StartsWith('_'))
                .Order(StringComparer.Ordinal).ToList()
            : [];

    public async Task<string> RenderAsync(string name, JsonObject model, CancellationToken cancellationToken = default)
    {
        var template = Load(name);
        var context = new HtmlTemplateContext
        {
            TemplateLoader = new FolderLoader(_root),
            LoopLimit = 10_000,
            RecursiveLimit = 50,
            LimitToString = 0,
            StrictVariables = false,
            EnableRelaxedMemberAccess = true,
            CancellationToken = cancellationToken,
        };
        var globals = ToScript(model);
        globals.Import(typeof(DocumentFunctions), null, member => member.Name);
        globals["include"] = new RawInclude();
        context.PushGlobal(globals);
        try
        {
            return await template.RenderAsync(context);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new DocumentTemplateException(FileName(ex.Span, name), ex.Span.Start.Line + 1, ex.Span.Start.Column + 1, ex.OriginalMessage);
        }
    }

    Template Load(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
            throw new DocumentTemplateException(name, 0, 0, $"模板文件不存在（{path}）。");
        var stamp = File.GetLastWriteTimeUtc(path);
        if (_cache.TryGetValue(name, out var cached) && cached.Stamp == stamp)
            return cached.Template;
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            var error = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
            throw new DocumentTemplateException(name, error.Span.Start.Line + 1, error.Span.Start.Column + 1, error.Message);
        }
        _cache[name] = (stamp, template);
        return template;
    }

    string PathOf(string name)
    {
        var full = Path.GetFullPath(Path.Combine(_root, name.EndsWith(".html", StringComparison.Ordinal) ? name : name + ".html"));
        if (!IsInside(full, _root))
            throw new DocumentTemplateException(name, 0, 0, "模板名称无效。");
        return full;
    }

    /// <summary>Inside the folder itself: <c>templates-secret/</c> begins like <c>templates</c> but is not inside it, hence the separator.</summary>
    static bool IsInside(string fullPath, string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(root, StringComparison.Ordinal);
    }

    string FileName(SourceSpan span, string fallback) =>
        string.IsNullOrEmpty(span.FileName) ? fallback : Path.GetRelativePath(_root, span.FileName).Replace('\\', '/');

    static ScriptObject ToScript(JsonObject json)
    {
        var script = new ScriptObject();
        foreach (var (key, value) in json)
            script[key] = ToScriptValue(value);
        return script;
    }

    static object? ToScriptValue(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ToScript(o),
        JsonArray a => new ScriptArray(a.Select(ToScriptValue)),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Justice.Workflows.Expressions.ValueConverter.Number(v),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Includes (<c>{{ include '_layout' }}</c>) resolve inside the template folder only.</summary>
    sealed class FolderLoader(string root) : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            var full = Path.GetFullPath(Path.Combine(root, templateName.EndsWith(".html", StringComparison.Ordinal) ? templateName : templateName + ".html"));
            if (!IsInside(full, root))
                throw new ScriptRuntimeException(callerSpan, $"不能引用模板目录之外的文件：{templateName}");
            return full;
        }

        public string? Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => File.ReadAllText(templatePath);

        public async ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => await File.ReadAllTextAsync(templatePath);
    }
}

/// <summary>Markup the system built itself (an included template, a QR code): written as it is, never encoded.</summary>
public sealed record RawHtml(string Html)
{
    public override string ToString() => Html;
}

/// <summary>
/// Encodes every value an expression writes (<c>{{ p.name }}</c>) — the template's own text is written as it is.
/// A template cannot forget to escape: there is no way to write a model value unencoded.
/// </summary>
sealed class HtmlTemplateContext : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        textAsObject is RawHtml raw ? Write(raw.Html) : Write(HtmlText.Encode(ObjectToString(textAsObject)));

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        textAsObject is RawHtml raw ? WriteAsync(raw.Html) : WriteAsync(HtmlText.Encode(ObjectToString(textAsObject)));
}

/// <summary><c>{{ include '_parties' }}</c>: Scriban's include, its output marked as the system's own markup.</summary>
sealed class RawInclude : IScriptCustomFunction
{
    static readonly Scriban.Functions.IncludeFunction Inner = new();

    public int RequiredParameterCount => Inner.RequiredParameterCount;
    public int ParameterCount => Inner.ParameterCount;
    public ScriptVarParamKind VarParamKind => Inner.VarParamKind;
    public Type ReturnType => typeof(RawHtml);
    public ScriptParameterInfo GetParameterInfo(int index) => Inner.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new RawHtml(Inner.Invoke(context, callerContext, arguments, blockStatement)?.ToString() ?? "");

    public async ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new RawHtml((await Inner.InvokeAsync(context, callerContext, arguments, blockStatement))?.ToString() ?? "");
}

/// <summary>The one HTML encoder of documents: the five characters that can change markup; Chinese text stays text.</summary>
public static class HtmlText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("&<>\"'") < 0)
            return text ?? "";
        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }
        return builder.ToString();
    }
}

/// <summary>Functions the templates may call.</summary>
public static class DocumentFunctions
{
    /// <summary>{{ date_cn '2026-11-26' }} → 2026年11月26日</summary>
    public static string date_cn(object? date) => Parse(date) is { } d ? ChineseFormat.Date(d) : "";

    /// <summary>{{ date_numerals '2026-11-26' }} → 二〇二六年十一月二十六日</summary>
    public static string date_numerals(object? date) => Parse(date) is { } d ? ChineseFormat.DateInNumerals(d) : "";

    /// <summary>{{ money 1234.5 }} → 人民币1,234.50元; {{ money 6525 }} → 人民币6,525元</summary>
    public static string money(object? amount) => Amount(amount) is { } a ? ChineseFormat.MoneyInDocuments(a) : "";

    /// <summary>{{ money_cn 1234.5 }} → 人民币壹仟贰佰叁拾肆元伍角</summary>
    public static string money_cn(object? amount) => Amount(amount) is { } a ? ChineseFormat.MoneyInCapitals(a) : "";

    /// <summary>
    /// {{ data.matter | ensure_suffix '公证' }}: the value with a word the template would add after it, added only when the
    /// value does not already end with it (学历 → 学历公证; 学历公证 stays). Nothing for an empty value.
    /// </summary>
    public static string ensure_suffix(object? value, string suffix)
    {
        var text = value?.ToString()?.Trim() ?? "";
        return text.Length == 0 || text.EndsWith(suffix, StringComparison.Ordinal) ? text : text + suffix;
    }

    /// <summary>
    /// {{ data.reason | ensure_prefix '因' }}: the value with a word the template would put before it, added only when the
    /// value does not already start with it (当事人原因… → 因当事人原因…; 因当事人原因… stays). Nothing for an empty value.
    /// </summary>
    public static string ensure_prefix(object? value, string prefix)
    {
        var text = value?.ToString()?.Trim() ?? "";
        return text.Length == 0 || text.StartsWith(prefix, StringComparison.Ordinal) ? text : prefix + text;
    }

    /// <summary>{{ mask_id '430405199001011234' }} → 4304**********1234</summary>
    public static string mask_id(object? id) => ChineseFormat.MaskId(id?.ToString());

    /// <summary>{{ side_cn 'claimant' }} → 申请人</summary>
    public static string side_cn(object? side) => Records.PartySides.ChineseName(side?.ToString() ?? "");

    /// <summary>{{ qr_svg 'https://…' }} → an inline SVG QR code (verification link printed on certificates).</summary>
    public static RawHtml qr_svg(object? text)
    {
        if (text?.ToString() is not { Length: > 0 } value)
            return new RawHtml("");
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(value, QRCoder.QRCodeGenerator.ECCLevel.M);
        return new RawHtml(new QRCoder.SvgQRCode(data).GetGraphic(3, "#000000", "#ffffff", drawQuietZones: true, sizingMode: QRCoder.SvgQRCode.SizingMode.ViewBoxAttribute));
    }

    /// <summary>{{ method_cn 'post' }} → 邮寄送达</summary>
    public static string method_cn(object? method) => Records.ServiceMethods.ChineseName(method?.ToString() ?? "");

    static DateOnly? Parse(object? value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        DateTimeOffset o => DateOnly.FromDateTime(o.DateTime),
        string s when s.Length >= 10 && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", out var d) => d,
        _ => null,
    };

    static decimal? Amount(object? value) => value switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        double f => (decimal)f,
        string s when decimal.TryParse(s, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}

/// <summary>Where the document templates are (configuration section <c>Documents</c>).</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    public string? TemplateFolder { get; set; }

    public string ResolveFolder()
    {
        if (!string.IsNullOrWhiteSpace(TemplateFolder))
            return Path.GetFullPath(TemplateFolder);
        var beside = Path.Combine(AppContext.BaseDirectory, "templates");
        if (Directory.Exists(beside))
            return beside;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates");
            if (Directory.Exists(Path.Combine(candidate, "arbitration")))
                return candidate;
        }
        return beside;
    }
}
