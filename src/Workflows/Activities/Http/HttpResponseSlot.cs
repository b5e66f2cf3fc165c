using System.Text.Json.Nodes;

namespace Justice.Workflows.Activities.Http;

/// <summary>
/// The answer to the HTTP request that started or resumed an instance: the host puts a slot into the burst's
/// <see cref="Runtime.WorkflowExecutionContext.Items"/>, <see cref="WriteHttpResponse"/> fills it, and the host writes it
/// once the burst committed.
/// </summary>
public sealed class HttpResponseSlot
{
    public const string Key = "Elsa.Http.Response";

    public int StatusCode { get; set; } = 200;
    public string? Content { get; set; }
    public string? ContentType { get; set; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a WriteHttpResponse wrote it.</summary>
    public bool Written { get; set; }

    /// <summary>The request as the endpoint hands it to the instance (path, method, routeData, query, headers, body).</summary>
    public JsonObject? Request { get; init; }
}
