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
        group.MapGet("/{id}/documents/{documentId}", DocumentAsync).WithSummary("文书（HTML，可打印；download=true 时下载；format=pdf 或 Accept: application/pdf 时为签章 PDF）");
        group.MapGet("/{id}/archive", ArchiveAsync).WithSummary("电子卷宗（已归档案件：签章文书、送达记录、材料、流程日志、时间线和签章清单，ZIP；仅限可查看该案的工作人员）");
        group.MapGet("/{id}/attachments/{entryId}", AttachmentAsync).WithSummary("申请人上传的材料（下载）");
        return group;
    }

    static async Task<IResult> DocumentAsync(string id, string documentId, bool? download, bool? print, string? format, ClaimsPrincipal user, DocumentService documents, HttpContext http, CancellationToken ct)
    {
        try
        {
            var document = await documents.DocumentAsync(user.ToCaseViewer(), id, documentId, ct);
            if (document is null)
                return ApiProblems.NotFound($"文书“{documentId}”不存在。");
            if (WantsPdf(format, http.Request))
            {
                Justice.Casework.Records.IssuedPdf pdf;
                try
                {
                    pdf = await documents.PdfAsync(document, ct);
                }
                catch (Justice.Casework.Documents.Pdf.PdfUnavailableException ex)
                {
                    return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "暂时不能生成 PDF", ex.Message);
                }
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

    static async Task<IResult> ArchiveAsync(string id, ClaimsPrincipal user, DocumentService documents, CancellationToken ct)
    {
        // The case file is the office's: staff who may see the case, never a party.
        if (!user.FindAll(ClaimTypes.Role).Any(r => r.Value != Justice.Portal.Data.PortalRoles.Applicant))
            return ApiProblems.Forbidden("电子卷宗仅限办案工作人员下载。");
        try
        {
            var answer = await documents.ArchiveAsync(user.ToCaseViewer(), id, user.Identity?.Name ?? "unknown", ct);
            return answer switch
            {
                null => ApiProblems.NotFound($"案件“{id}”不存在。"),
                { Archive: null } => ApiProblems.Problem(StatusCodes.Status409Conflict, "案件尚未归档", "案件归档后才能生成电子卷宗。"),
                { Archive: { } archive, Number: var number } => Results.File(archive.Content, "application/zip", $"电子卷宗-{number}.zip"),
            };
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
