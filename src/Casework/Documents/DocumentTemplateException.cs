namespace Justice.Casework.Documents;

/// <summary>A document template could not be parsed or rendered: which template, where in it, what.</summary>
public sealed class DocumentTemplateException(string template, int line, int column, string message)
    : Exception($"文书模板“{template}”第 {line} 行第 {column} 列：{message}")
{
    public string Template { get; } = template;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Reason { get; } = message;
}
