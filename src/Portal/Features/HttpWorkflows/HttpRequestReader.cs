using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Justice.Portal.Features.HttpWorkflows;

/// <summary>
/// Reads a request into what an HTTP endpoint hands the instance: route values, query, headers without credentials,
/// and the body parsed by its content type (JSON, form, text), all bounded.
/// </summary>
internal static class HttpRequestReader
{
    const int MaxItems = 50;
    const int MaxValueLength = 2000;

    /// <summary>Headers that carry credentials: used to authorise the request, never kept in an instance.</summary>
    static readonly HashSet<string> Credentials = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "X-Fee-Signature",
    };

    public sealed class RequestTooLargeException(long limit) : Exception
    {
        public long Limit { get; } = limit;
    }

    public sealed class UnreadableBodyException(string message) : Exception(message);

    public static async Task<JsonObject> ReadAsync(HttpRequest request, string path, IReadOnlyDictionary<string, string> routeValues, long limit, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, limit, cancellationToken);
        return new JsonObject
        {
            ["path"] = path,
            ["method"] = request.Method.ToUpperInvariant(),
            ["routeData"] = new JsonObject([.. routeValues.Take(MaxItems).Select(v => KeyValuePair.Create(v.Key, (JsonNode?)Bound(v.Value)))]),
            ["query"] = Pairs(request.Query.Select(q => (q.Key, q.Value.ToArray()))),
            ["headers"] = Pairs(request.Headers.Where(h => !Credentials.Contains(h.Key)).Select(h => (h.Key, h.Value.ToArray()))),
            ["contentType"] = request.ContentType,
            ["body"] = body is null ? null : Parse(body, request.ContentType),
        };
    }

    static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            throw new RequestTooLargeException(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new RequestTooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == 0 ? null : buffer.ToArray();
    }

    static JsonNode? Parse(byte[] body, string? contentType)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value ?? "" : "";
        if (mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            throw new UnreadableBodyException("流程的 HTTP 端点不接收文件上传（multipart）。");
        var text = Encoding.UTF8.GetString(body);
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new UnreadableBodyException($"请求正文不是有效的 JSON（第 {ex.LineNumber + 1} 行）。");
            }
        }
        if (mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return Pairs(QueryHelpers.ParseQuery(text).Select(f => (f.Key, f.Value.ToArray())));
        return JsonValue.Create(text);
    }

    /// <summary>Names to values (one value as text, several as an array), at most <see cref="MaxItems"/> names.</summary>
    static JsonObject Pairs(IEnumerable<(string Key, string?[] Values)> pairs)
    {
        var result = new JsonObject();
        foreach (var (key, values) in pairs.Take(MaxItems))
        {
            if (result.ContainsKey(key))
                continue;
            result[key] = values.Length == 1 ? Bound(values[0]) : new JsonArray([.. values.Take(MaxItems).Select(v => (JsonNode?)Bound(v))]);
        }
        return result;
    }

    static JsonValue? Bound(string? value) =>
        value is null ? null : JsonValue.Create(value.Length > MaxValueLength ? value[..MaxValueLength] : value);
}
