using System.Security.Claims;
using System.Text;
using Justice.Portal.Api;
using Justice.Portal.Security;
using Justice.Casework.Cases;

namespace Justice.Portal.Features.Documents;

/// <summary>A case's documents (view, print, download) and the applicant's uploaded materials, for whoever may see the case.</summary>
public static class DocumentsApi
{
    /// <summary>
    /// Documents are shown under their own policy: nothing loads, no script runs, the page is a sandbox with no origin
    /// (so no cookie and no API call) — even a document stored before its values were encoded cannot act for the reader.
    /// </summary>
    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    /// <summary>Opens the browser's print dialog over the stored document (the document itself is never changed).</summary>
    static string PrintScript(string nonce) => $"<script nonce=\"{nonce}\">window.addEventListener('load', () => window.print());</script>";

    /// <summary>The print view: only the print script (by its nonce) runs, still without an origin.</summary>
    static string PrintPolicy(string nonce) => $"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-{nonce}'; sandbox allow-scripts allow-modals";

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("案件").RequireAuthorization();
        group.MapGet("/{id}/documents/{documentId}", DocumentAsync).WithSummary("文书（HTML，可打印；download=true 时下载；format=pdf 或 Accept: application/pdf 时为签章 PDF）");
        group.MapGet("/{id}/attachments/{entryId}", AttachmentAsync).WithSummary("申请人上传的材料（下载）");
        return group;
    }

    static async Task<IResult> DocumentAsync(string id, string documentId, bool? download, bool? print, string? format, ClaimsPrincipal user, CaseQueries queries,
        Justice.Casework.Issuing.IssuedDocuments issued, HttpContext http, CancellationToken ct)
    {
        try
        {
            var details = await queries.GetAsync(user.ToCaseViewer(), id, ct);
            var document = details?.Documents.FirstOrDefault(d => d.Id == documentId);
            if (document is null)
                return ApiProblems.NotFound($"文书“{documentId}”不存在。");
            if (WantsPdf(format, http.Request))
            {
                var pdf = await issued.PdfAsync(document, ct);
                http.Response.Headers.ContentSecurityPolicy = DocumentPolicy;
                return Results.File(pdf.Content, "application/pdf", download == true ? $"{document.Title}{document.Number}.pdf" : null);
            }
            var bytes = Encoding.UTF8.GetBytes(document.Html);
            if (print == true && download != true)
            {
                var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                http.Response.Headers.ContentSecurityPolicy = PrintPolicy(nonce);
                return Results.Content(document.Html.Replace("</body>", PrintScript(nonce) + "</body>", StringComparison.Ordinal), "text/html; charset=utf-8");
            }
            http.Response.Headers.ContentSecurityPolicy = DocumentPolicy;
            return download == true
                ? Results.File(bytes, "text/html; charset=utf-8", $"{document.Title}{document.Number}.html")
                : Results.Content(document.Html, "text/html; charset=utf-8");
        }
        catch (UnauthorizedAccessException ex)
        {
            return ApiProblems.Forbidden(ex.Message);
        }
    }

    /// <summary><c>?format=pdf</c>, or a client that asks for PDF rather than HTML.</summary>
    static bool WantsPdf(string? format, HttpRequest request) =>
        string.Equals(format, "pdf", StringComparison.OrdinalIgnoreCase)
        || format is null && request.GetTypedHeaders().Accept is { Count: > 0 } accept
            && accept.Any(a => a.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    static async Task<IResult> AttachmentAsync(string id, string entryId, ClaimsPrincipal user, CaseQueries queries, Filing.FilingService filing, HttpContext http, CancellationToken ct)
    {
        try
        {
            var details = await queries.GetAsync(user.ToCaseViewer(), id, ct);
            var entry = details?.Timeline.FirstOrDefault(e => e.Id == entryId && e.Kind == "attachment");
            if (entry is null || System.Text.Json.Nodes.JsonNode.Parse(entry.DataJson) is not System.Text.Json.Nodes.JsonObject data)
                return ApiProblems.NotFound($"材料“{entryId}”不存在。");
            var path = Path.Combine(filing.UploadFolder, id, Path.GetFileName(data["file"]!.GetValue<string>()));
            if (!File.Exists(path))
                return ApiProblems.NotFound("材料文件已不在存储中，请联系管理员。");
            // The type follows the stored file's checked extension, whatever an older record says; shown inert, never as a page.
            http.Response.Headers.ContentSecurityPolicy = DocumentPolicy;
            return Results.File(path, Filing.FilingService.ContentTypeOf(path), data["fileName"]?.GetValue<string>());
        }
        catch (UnauthorizedAccessException ex)
        {
            return ApiProblems.Forbidden(ex.Message);
        }
    }
}
