using System.Security.Claims;
using System.Text;
using Justice.Portal.Api;
using Justice.Portal.Data;
using Justice.Portal.Security;
using Justice.Casework.Cases;

namespace Justice.Portal.Features.Cases;

/// <summary>Cases the caller may see (parties their own, staff their unit's, arbitrators their tribunals').</summary>
public static class CasesApi
{
    public sealed record CaseSummary(string Id, string? Number, string Kind, string Title, string Stage, string Status, string? Outcome, string? FiledOn,
        IReadOnlyList<string> Parties, string? NextDue, bool IsDemo);

    public sealed record NoteRequest(string? Text);

    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("案件").RequireAuthorization();
        group.MapGet("/", ListAsync).WithSummary("我可以查看的案件（按类别、案号、当事人、阶段、日期检索，分页排序）");
        group.MapGet("/{id}", GetAsync).WithSummary("案卷：当事人、阶段、期间、文书、时间线、待办");
        group.MapPost("/{id}/notes", AddNoteAsync).WithSummary("添加备注");
        return group;
    }

    static async Task<IResult> ListAsync(ClaimsPrincipal user, CaseService cases, string? kind, string? q, string? stage, DateOnly? from, DateOnly? to,
        string? status, int? page, int? pageSize, string? sort, bool? descending, CancellationToken ct)
    {
        if (kind is not null && !CaseAccess.KindRoles.ContainsKey(kind))
            return ApiProblems.BadRequest($"kind 参数“{kind}”无效：应为 arbitration、notary、commitment 或 legal-aid。");
        var (p, size) = Paging.Normalize(page, pageSize);
        var (items, total) = await cases.ListAsync(user.ToCaseViewer(), new CaseListQuery(kind, q, stage, from, to, status, p, size, sort ?? "filedOn", descending ?? true), ct);
        return Results.Ok(new PagedResult<CaseSummary>(items.Select(c => new CaseSummary(c.Id, c.Number, c.Kind, c.Title, c.Stage, c.Status, c.Outcome,
            c.FiledOn?.ToString("yyyy-MM-dd"), c.Parties, c.NextDue?.ToString("yyyy-MM-dd"), c.IsDemo)).ToList(), total, p, size));
    }

    static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, CaseService cases, ApiTime time, CancellationToken ct)
    {
        try
        {
            var details = await cases.GetAsync(user.ToCaseViewer(), id, ct);
            if (details is null)
                return ApiProblems.NotFound($"案件“{id}”不存在。");
            var c = details.Case;
            var names = await cases.StaffNamesAsync(details.Timeline.Select(e => e.Actor).Concat(details.OpenTasks.Select(t => t.Assignee)), ct);
            return Results.Ok(new
            {
                c.Id, c.Number, c.Kind, c.Title, c.Stage, c.Status, c.Outcome, c.Procedure, c.AmountInDispute, c.IsDemo, c.RuleSetId,
                FiledOn = c.FiledOn?.ToString("yyyy-MM-dd"), AcceptedOn = c.AcceptedOn?.ToString("yyyy-MM-dd"), ClosedOn = c.ClosedOn?.ToString("yyyy-MM-dd"),
                Fields = System.Text.Json.Nodes.JsonNode.Parse(c.FieldsJson),
                Parties = details.Parties.Select(p => new { p.Id, p.Side, p.PartyKind, p.Name, p.Gender, p.IdNumber, p.CreditCode, p.Representative, p.Address, p.AgentName }),
                Members = details.Members.Select(m => new { m.Relation, m.UserEmail, m.DisplayName, m.Active, m.Note }),
                details.Periods,
                Documents = details.Documents.Select(d => new { d.Id, d.Title, d.Number, d.Template, IssuedAt = time.Format(d.IssuedAt), d.SupersedesId, d.Sha256 }),
                Services = details.Services.Select(s => new { s.DocumentId, s.Recipient, s.Method, ServedOn = s.ServedOn.ToString("yyyy-MM-dd"), ReceivedOn = s.ReceivedOn?.ToString("yyyy-MM-dd") }),
                Timeline = details.Timeline.Select(e => new { At = time.Format(e.At), e.Actor, ActorName = e.Actor is null ? null : Data.StaffNames.Name(names, e.Actor), e.Kind, e.Title }),
                OpenTasks = details.OpenTasks.Select(t => new { t.Id, t.Title, t.Role, t.Assignee, AssigneeName = t.Assignee is null ? null : Data.StaffNames.Name(names, t.Assignee), Relation = t.CaseRelation, DueAt = t.DueAt is { } due ? time.Format(due) : null, t.IsOverdue }),
                Instances = details.Instances.Select(i => new { i.Id, i.DefinitionId, i.Status, i.SubStatus }),
            });
        }
        catch (UnauthorizedAccessException ex)
        {
            return ApiProblems.Forbidden(ex.Message);
        }
    }

    static async Task<IResult> AddNoteAsync(string id, NoteRequest? body, ClaimsPrincipal user, CaseService cases, CancellationToken ct)
    {
        try
        {
            var entry = await cases.AddNoteAsync(user.ToCaseViewer(), id, body?.Text ?? "", ct);
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
