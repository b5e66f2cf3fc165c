using System.Security.Claims;
using System.Text;
using Justice.Casework.Cases;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Api;

/// <summary>Cases the caller may see (parties their own, staff their unit's, arbitrators their tribunals').</summary>
public static class CasesApi
{
    public sealed record CaseSummary(string Id, string? Number, string Kind, string Title, string Stage, string Status, string? Outcome, string? FiledOn,
        IReadOnlyList<string> Parties, string? NextDue, bool IsDemo);

    public sealed record NoteRequest(string? Text);

    /// <summary>
    /// Documents are shown under their own policy: nothing loads, no script runs, the page is a sandbox with no origin
    /// (so no cookie and no API call) — even a document stored before its values were encoded cannot act for the reader.
    /// </summary>
    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    /// <summary>Opens the browser's print dialog over the stored document (the document itself is never changed).</summary>
    static string PrintScript(string nonce) => $"<script nonce=\"{nonce}\">window.addEventListener('load', () => window.print());</script>";

    /// <summary>The print view: only the print script (by its nonce) runs, still without an origin.</summary>
    static string PrintPolicy(string nonce) => $"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-{nonce}'; sandbox allow-scripts allow-modals";

    public static CaseViewer ToCaseViewer(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.Email)?.ToLowerInvariant() ?? user.Identity?.Name?.ToLowerInvariant(),
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());

    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("案件").RequireAuthorization();
        group.MapGet("/", ListAsync).WithSummary("我可以查看的案件（按类别、案号、当事人、阶段、日期检索，分页排序）");
        group.MapGet("/{id}", GetAsync).WithSummary("案卷：当事人、阶段、期间、文书、时间线、待办");
        group.MapGet("/{id}/documents/{documentId}", DocumentAsync).WithSummary("文书（HTML，可打印；download=true 时下载）");
        group.MapPost("/{id}/notes", AddNoteAsync).WithSummary("添加备注");
        group.MapGet("/{id}/attachments/{entryId}", AttachmentAsync).WithSummary("申请人上传的材料（下载）");
        return group;
    }

    static async Task<IResult> ListAsync(ClaimsPrincipal user, CaseQueries queries, string? kind, string? q, string? stage, DateOnly? from, DateOnly? to,
        string? status, int? page, int? pageSize, string? sort, bool? descending, CancellationToken ct)
    {
        if (kind is not null && !CaseAccess.KindRoles.ContainsKey(kind))
            return ApiProblems.BadRequest($"kind 参数“{kind}”无效：应为 arbitration、notary、commitment 或 legal-aid。");
        var (p, size) = Paging.Normalize(page, pageSize);
        var (items, total) = await queries.ListAsync(user.ToCaseViewer(), new CaseListQuery(kind, q, stage, from, to, status, p, size, sort ?? "filedOn", descending ?? true), ct);
        return Results.Ok(new PagedResult<CaseSummary>(items.Select(c => new CaseSummary(c.Id, c.Number, c.Kind, c.Title, c.Stage, c.Status, c.Outcome,
            c.FiledOn?.ToString("yyyy-MM-dd"), c.Parties, c.NextDue?.ToString("yyyy-MM-dd"), c.IsDemo)).ToList(), total, p, size));
    }

    static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, CaseQueries queries, WorkflowInstanceView view, Data.StaffNames staffNames, CancellationToken ct)
    {
        try
        {
            var details = await queries.GetAsync(user.ToCaseViewer(), id, ct);
            if (details is null)
                return ApiProblems.NotFound($"案件“{id}”不存在。");
            var c = details.Case;
            var names = await staffNames.NamesAsync(details.Timeline.Select(e => e.Actor).Concat(details.OpenTasks.Select(t => t.Assignee)), ct);
            return Results.Ok(new
            {
                c.Id, c.Number, c.Kind, c.Title, c.Stage, c.Status, c.Outcome, c.Procedure, c.AmountInDispute, c.IsDemo, c.RuleSetId,
                FiledOn = c.FiledOn?.ToString("yyyy-MM-dd"), AcceptedOn = c.AcceptedOn?.ToString("yyyy-MM-dd"), ClosedOn = c.ClosedOn?.ToString("yyyy-MM-dd"),
                Fields = System.Text.Json.Nodes.JsonNode.Parse(c.FieldsJson),
                Parties = details.Parties.Select(p => new { p.Id, p.Side, p.PartyKind, p.Name, p.Gender, p.IdNumber, p.CreditCode, p.Representative, p.Address, p.AgentName }),
                Members = details.Members.Select(m => new { m.Relation, m.UserEmail, m.DisplayName, m.Active, m.Note }),
                details.Periods,
                Documents = details.Documents.Select(d => new { d.Id, d.Title, d.Number, d.Template, IssuedAt = view.Time(d.IssuedAt), d.SupersedesId, d.Sha256 }),
                Services = details.Services.Select(s => new { s.DocumentId, s.Recipient, s.Method, ServedOn = s.ServedOn.ToString("yyyy-MM-dd"), ReceivedOn = s.ReceivedOn?.ToString("yyyy-MM-dd") }),
                Timeline = details.Timeline.Select(e => new { At = view.Time(e.At), e.Actor, ActorName = e.Actor is null ? null : Data.StaffNames.Name(names, e.Actor), e.Kind, e.Title }),
                OpenTasks = details.OpenTasks.Select(t => new { t.Id, t.Title, t.Role, t.Assignee, AssigneeName = t.Assignee is null ? null : Data.StaffNames.Name(names, t.Assignee), Relation = t.CaseRelation, DueAt = t.DueAt is { } due ? view.Time(due) : null, t.IsOverdue }),
                Instances = details.Instances.Select(i => new { i.Id, i.DefinitionId, i.Status, i.SubStatus }),
            });
        }
        catch (UnauthorizedAccessException ex)
        {
            return ApiProblems.Forbidden(ex.Message);
        }
    }

    static async Task<IResult> DocumentAsync(string id, string documentId, bool? download, bool? print, ClaimsPrincipal user, CaseQueries queries, HttpContext http, CancellationToken ct)
    {
        try
        {
            var details = await queries.GetAsync(user.ToCaseViewer(), id, ct);
            var document = details?.Documents.FirstOrDefault(d => d.Id == documentId);
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

    static async Task<IResult> AttachmentAsync(string id, string entryId, ClaimsPrincipal user, CaseQueries queries, Work.Filing filing, HttpContext http, CancellationToken ct)
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
            return Results.File(path, Work.Filing.ContentTypeOf(path), data["fileName"]?.GetValue<string>());
        }
        catch (UnauthorizedAccessException ex)
        {
            return ApiProblems.Forbidden(ex.Message);
        }
    }

    static async Task<IResult> AddNoteAsync(string id, NoteRequest? body, ClaimsPrincipal user, CaseNotes notes, CancellationToken ct)
    {
        try
        {
            var entry = await notes.AddAsync(user.ToCaseViewer(), id, body?.Text ?? "", ct);
            return Results.Created($"/api/cases/{id}", new { entry.Id, entry.Title });
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
        catch (KeyNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return ApiProblems.Forbidden(ex.Message);
        }
    }
}
