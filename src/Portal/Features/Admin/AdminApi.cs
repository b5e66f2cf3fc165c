using System.Security.Claims;
using Justice.Portal.Api;
using Justice.Portal.Data;

namespace Justice.Portal.Features.Admin;

/// <summary>Accounts and roles (administrators).</summary>
public static class AdminApi
{
    public sealed record CreateUserRequest(string? Email, string? Password, List<string>? Roles, string? FullName = null, string? Title = null, string? Unit = null);

    public sealed record RolesRequest(List<string>? Roles);

    public sealed record ProfileRequest(string? FullName, string? Title, string? Unit);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("用户与角色").RequireAuthorization(PortalRoles.Admin);
        users.MapGet("/", async (string? q, string? role, int? page, int? pageSize, UserAdministration admin, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var (items, total) = await admin.ListAsync(q, role, p, size, ct);
            return Results.Ok(new PagedResult<UserSummary>(items, total, p, size));
        }).WithSummary("用户列表（按邮箱、角色检索）");
        users.MapPost("/", async (CreateUserRequest body, ClaimsPrincipal actor, UserAdministration admin, CancellationToken ct) =>
            Answer(await admin.CreateAsync(actor, body.Email ?? "", body.Password ?? "", body.Roles ?? [],
                new StaffProfile(body.FullName, body.Title, body.Unit), ct), created: true)).WithSummary("新建用户");
        users.MapPut("/{userId}/roles", async (string userId, RolesRequest body, ClaimsPrincipal actor, UserAdministration admin, CancellationToken ct) =>
            Answer(await admin.SetRolesAsync(actor, userId, body.Roles ?? [], ct))).WithSummary("设置用户角色");
        users.MapPut("/{userId}/profile", async (string userId, ProfileRequest body, ClaimsPrincipal actor, UserAdministration admin, CancellationToken ct) =>
            Answer(await admin.SetProfileAsync(actor, userId, new StaffProfile(body.FullName, body.Title, body.Unit), ct))).WithSummary("设置姓名、职务和所属机构");
        users.MapPost("/{userId}/lock", async (string userId, ClaimsPrincipal actor, UserAdministration admin, CancellationToken ct) =>
            Answer(await admin.SetLockedAsync(actor, userId, true, ct))).WithSummary("停用（锁定）账号");
        users.MapPost("/{userId}/unlock", async (string userId, ClaimsPrincipal actor, UserAdministration admin, CancellationToken ct) =>
            Answer(await admin.SetLockedAsync(actor, userId, false, ct))).WithSummary("解除锁定");

        return app;
    }

    static IResult Answer((UserSummary? User, IReadOnlyList<string> Problems) result, bool created = false) =>
        result switch
        {
            ({ } user, _) when created => Results.Created($"/api/admin/users/{user.Id}", user),
            ({ } user, _) => Results.Ok(user),
            (null, var problems) when problems.Contains("用户不存在。") => ApiProblems.NotFound("用户不存在。"),
            (null, var problems) => ApiProblems.BadRequest(string.Join(" ", problems)),
        };
}
