using System.Text;
using Justice.Workflows.Activities.Http;
using Microsoft.Net.Http.Headers;

namespace Justice.Portal.Features.HttpWorkflows;

/// <summary>
/// Writes what Elsa.WriteHttpResponse put in the slot. Content from a workflow is data, never code on the portal's
/// origin: it is sandboxed (no script runs, nothing is sniffed), and headers that touch the session, the security
/// policy or send the browser elsewhere are not passed on.
/// </summary>
internal sealed class WorkflowHttpResult(HttpResponseSlot slot) : IResult
{
    static readonly HashSet<string> Withheld = new(StringComparer.OrdinalIgnoreCase)
    {
        "Set-Cookie", "Content-Security-Policy", "Content-Security-Policy-Report-Only", "X-Frame-Options", "X-Content-Type-Options",
        "Strict-Transport-Security", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Server", "Location", "Refresh", "Clear-Site-Data",
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = slot.StatusCode;
        foreach (var (name, value) in slot.Headers)
        {
            if (Withheld.Contains(name) || name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase) || name.Length > 100 || value.Length > 2000
                || name.Any(c => c is < '!' or > '~' or ':') || value.Any(c => c is '\r' or '\n'))
                continue;
            response.Headers[name] = value;
        }
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";
        if (slot.Content is null || slot.StatusCode is 204 or 304)
            return;
        response.ContentType = MediaTypeHeaderValue.TryParse(slot.ContentType, out var type)
            ? (type.Charset.HasValue || !IsText(type) ? type.ToString() : $"{type}; charset=utf-8")
            : "text/plain; charset=utf-8";
        await response.WriteAsync(slot.Content, Encoding.UTF8, httpContext.RequestAborted);
    }

    static bool IsText(MediaTypeHeaderValue type) =>
        type.MediaType.Value is { } media && (media.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || media.Contains("json", StringComparison.OrdinalIgnoreCase) || media.Contains("xml", StringComparison.OrdinalIgnoreCase));
}
