using System.Security.Claims;
using System.Text;
using Justice.Portal.Api;
using Justice.Portal.Security;

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
        group.MapGet("/{id}/documents/{documentId}", DocumentAsync).WithSummary("文书（HTML，可打印；download=true 时下载）");
        group.MapGet("/{id}/attachments/{entryId}", AttachmentAsync).WithSummary("申请人上传的材料（下载）");
        return group;
    }

    static async Task<IResult> DocumentAsync(string id, string documentId, bool? download, bool? print, ClaimsPrincipal user, DocumentService documents, HttpContext http, CancellationToken ct)
    {
        try
        {
            var document = await documents.DocumentAsync(user.ToCaseViewer(), id, documentId, ct);
            if (document is null)
                return ApiProblems.NotFound($"文书“{documentId}”不存在。");
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

    static async Task<IResult> AttachmentAsync(string id, string entryId, ClaimsPrincipal user, DocumentService documents, HttpContext http, CancellationToken ct)
    {
        try
        {
            var attachment = await documents.AttachmentAsync(user.ToCaseViewer(), id, entryId, ct);
            if (attachment is null)
                return ApiProblems.NotFound($"材料“{entryId}”不存在。");
            if (!attachment.Stored)
                return ApiProblems.NotFound("材料文件已不在存储中，请联系管理员。");
            // Shown inert, never as a page.
            http.Response.Headers.ContentSecurityPolicy = DocumentPolicy;
            return Results.File(attachment.Path, attachment.ContentType, attachment.FileName);
        }
        catch (UnauthorizedAccessException ex)
        {
            return ApiProblems.Forbidden(ex.Message);
        }
    }
}
