using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Justice.Workflows.Common;
using Justice.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Activities.Http;

/// <summary>What an outbound request came back with, or how it failed.</summary>
public sealed record OutboundHttpResult(int? StatusCode, JsonNode? ParsedContent, JsonObject? Headers, string? Failure)
{
    public const string FailedToConnect = "Failed to connect";
    public const string Timeout = "Timeout";
}

/// <summary>
/// Sends the requests of the HTTP activities through <see cref="IHttpClientFactory"/>: only to hosts on
/// <c>Workflows:Http:AllowedHosts</c>, never following redirects, within the configured timeout and response size.
/// </summary>
public sealed class OutboundHttp(IHttpClientFactory clients, IOptions<WorkflowHttpOptions> options, TimeProvider clock)
{
    public const string ClientName = "Justice.Workflows.Http";

    public async Task<OutboundHttpResult> SendAsync(string activityName, Uri? url, string? method, JsonNode? content, string? contentType,
        string? authorization, JsonObject? headers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new WorkflowFaultException("invalid-url", $"活动“{activityName}”的地址无效：须为 http 或 https 的完整地址。", "HTTP");
        if (!settings.AllowedHosts.Any(h => string.Equals(h.Trim(), url.Host, StringComparison.OrdinalIgnoreCase)))
            throw new WorkflowFaultException("host-not-allowed",
                $"活动“{activityName}”：主机“{url.Host}”不在允许外发的主机列表（Workflows:Http:AllowedHosts）中，请求未发送。", "HTTP");

        using var request = new HttpRequestMessage(new HttpMethod(string.IsNullOrWhiteSpace(method) ? "GET" : method.Trim().ToUpperInvariant()), url);
        if (!string.IsNullOrWhiteSpace(authorization))
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        foreach (var (name, value) in headers ?? [])
        {
            if (value is not null)
                request.Headers.TryAddWithoutValidation(name, value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString(WorkflowJson.Compact));
        }
        if (content is not null)
        {
            var isText = content is JsonValue t && t.GetValueKind() == JsonValueKind.String;
            var type = string.IsNullOrWhiteSpace(contentType) ? isText ? "text/plain" : "application/json" : contentType.Trim();
            var body = isText ? content.GetValue<string>() : content.ToJsonString(WorkflowJson.Compact);
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(type, out var parsed) ? parsed : new MediaTypeHeaderValue("application/json");
            if (parsed is not null && parsed.CharSet is null)
                parsed.CharSet = "utf-8";
        }

        // On the engine's clock, so that the limit is the one every other period of the instance is measured by.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)), clock);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var bytes = await ReadBoundedAsync(response.Content, settings.MaxResponseBytes, activityName, timeout.Token);
            var responseHeaders = new JsonObject();
            foreach (var header in response.Headers.Concat(response.Content.Headers))
                responseHeaders[header.Key] = string.Join(",", header.Value);
            return new OutboundHttpResult((int)response.StatusCode, Parse(bytes, response.Content.Headers.ContentType?.MediaType), responseHeaders, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OutboundHttpResult(null, null, null, OutboundHttpResult.Timeout);
        }
        catch (HttpRequestException)
        {
            return new OutboundHttpResult(null, null, null, OutboundHttpResult.FailedToConnect);
        }
    }

    static async Task<byte[]> ReadBoundedAsync(HttpContent content, long limit, string activityName, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
            throw TooLarge(activityName, limit);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                throw TooLarge(activityName, limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    static WorkflowFaultException TooLarge(string activityName, long limit) =>
        new("response-too-large", $"活动“{activityName}”收到的响应超出大小上限（{limit} 字节），未读取。", "HTTP");

    /// <summary>JSON (<c>application/json</c>, <c>+json</c>) is parsed; other content is kept as text, as Elsa does.</summary>
    static JsonNode? Parse(byte[] bytes, string? mediaType)
    {
        if (bytes.Length == 0)
            return null;
        var text = Encoding.UTF8.GetString(bytes);
        if (mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }
        return JsonValue.Create(text);
    }
}
