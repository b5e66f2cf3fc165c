using System.Security.Claims;
using Justice.Portal.Data;
using Justice.Portal.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Justice.Portal.Features.Admin;

public sealed record UserSummary(string Id, string Email, IReadOnlyList<string> Roles, bool LockedOut, int FailedLogins,
    string? FullName = null, string? Title = null, string? Unit = null);

/// <summary>姓名、职务、所属机构 of an account: what documents, task lists and timelines print for the person.</summary>
public sealed record StaffProfile(string? FullName, string? Title, string? Unit)
{
    public const int NameLength = 64, TitleLength = 64, UnitLength = 128;

    public StaffProfile Trimmed() => new(Clean(FullName), Clean(Title), Clean(Unit));

    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (FullName is { Length: > NameLength })
            problems.Add($"姓名不能超过 {NameLength} 个字。");
        if (FullName is not null && FullName.Contains('@'))
            problems.Add("姓名应为真实姓名，不能是邮箱。");
        if (Title is { Length: > TitleLength })
            problems.Add($"职务不能超过 {TitleLength} 个字。");
        if (Unit is { Length: > UnitLength })
            problems.Add($"所属机构不能超过 {UnitLength} 个字。");
        return problems;
    }
}

/// <summary>Administrators manage accounts and their roles; every change lands in the audit log.</summary>
public sealed class UserAdministration(UserManager<ApplicationUser> users, AuditLog audit, TimeProvider clock)
{
    public async Task<(IReadOnlyList<UserSummary> Items, int Total)> ListAsync(string? search, string? role, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = users.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
            query = query.Where(u => u.Email!.Contains(search.Trim()) || (u.FullName != null && u.FullName.Contains(search.Trim())));
        if (!string.IsNullOrWhiteSpace(role))
        {
            var ids = (await users.GetUsersInRoleAsync(role)).Select(u => u.Id).ToList();
            query = query.Where(u => ids.Contains(u.Id));
        }
        var total = await query.CountAsync(cancellationToken);
        var page_ = await query.OrderBy(u => u.Email).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var items = new List<UserSummary>();
        foreach (var user in page_)
            items.Add(await SummaryAsync(user));
        return (items, total);
    }

    async Task<UserSummary> SummaryAsync(ApplicationUser user) =>
        new(user.Id, user.Email!, [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)],
            user.LockoutEnd is { } end && end > clock.GetUtcNow(), user.AccessFailedCount, user.FullName, user.Title, user.Unit);

    /// <summary>Creates an account with the given roles; problems come back in Chinese (password policy, duplicate email, unknown role).</summary>
    public async Task<(UserSummary? User, IReadOnlyList<string> Problems)> CreateAsync(ClaimsPrincipal actor, string email, string password, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default) =>
        await CreateAsync(actor, email, password, roles, null, cancellationToken);

    /// <summary>Creates an account with the given roles and profile (姓名、职务、所属机构).</summary>
    public async Task<(UserSummary? User, IReadOnlyList<string> Problems)> CreateAsync(ClaimsPrincipal actor, string email, string password, IReadOnlyCollection<string> roles, StaffProfile? profile, CancellationToken cancellationToken = default)
    {
        profile = profile?.Trimmed();
        if (profile?.Problems() is { Count: > 0 } invalid)
            return (null, invalid);
        var unknown = roles.Where(r => !PortalRoles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
            return (null, [$"未知角色：{string.Join("、", unknown)}。"]);
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
            return (null, ["请输入有效的邮箱地址。"]);
        var user = new ApplicationUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, FullName = profile?.FullName, Title = profile?.Title, Unit = profile?.Unit };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            return (null, [.. result.Errors.Select(e => Describe(e))]);
        if (roles.Count > 0)
            await users.AddToRolesAsync(user, roles);
        await audit.RecordAsync(actor, "user.create", user.Email!, $"角色：{string.Join("、", roles)}{(user.FullName is null ? "" : $"；{Describe(profile!)}")}", cancellationToken);
        return (await SummaryAsync(user), []);
    }

    public async Task<(UserSummary? User, IReadOnlyList<string> Problems)> SetRolesAsync(ClaimsPrincipal actor, string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return (null, ["用户不存在。"]);
        var unknown = roles.Where(r => !PortalRoles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
            return (null, [$"未知角色：{string.Join("、", unknown)}。"]);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(PortalRoles.Admin) && !roles.Contains(PortalRoles.Admin) && (await users.GetUsersInRoleAsync(PortalRoles.Admin)).Count == 1)
            return (null, ["不能移除最后一位管理员的管理员角色。"]);
        var removed = current.Except(roles).ToList();
        var added = roles.Except(current).ToList();
        if (removed.Count > 0)
            await users.RemoveFromRolesAsync(user, removed);
        if (added.Count > 0)
            await users.AddToRolesAsync(user, added);
        if (removed.Count + added.Count > 0)
        {
            // Sign-ins made before the change lose their old roles at the next revalidation.
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(actor, "user.roles", user.Email!, $"增加：{string.Join("、", added)}；移除：{string.Join("、", removed)}", cancellationToken);
        }
        return (await SummaryAsync(user), []);
    }

    /// <summary>Sets the name, title and unit of an account; the change is audited with the values before and after.</summary>
    public async Task<(UserSummary? User, IReadOnlyList<string> Problems)> SetProfileAsync(ClaimsPrincipal actor, string userId, StaffProfile profile, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return (null, ["用户不存在。"]);
        profile = profile.Trimmed();
        if (profile.Problems() is { Count: > 0 } invalid)
            return (null, invalid);
        var before = new StaffProfile(user.FullName, user.Title, user.Unit);
        if (before == profile)
            return (await SummaryAsync(user), []);
        user.FullName = profile.FullName;
        user.Title = profile.Title;
        user.Unit = profile.Unit;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
            return (null, [.. result.Errors.Select(e => Describe(e))]);
        await audit.RecordAsync(actor, "user.profile", user.Email!, $"原：{Describe(before)}；现：{Describe(profile)}", cancellationToken);
        return (await SummaryAsync(user), []);
    }

    static string Describe(StaffProfile profile) =>
        $"姓名 {profile.FullName ?? "（无）"}，职务 {profile.Title ?? "（无）"}，所属机构 {profile.Unit ?? "（无）"}";

    public async Task<(UserSummary? User, IReadOnlyList<string> Problems)> SetLockedAsync(ClaimsPrincipal actor, string userId, bool locked, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return (null, ["用户不存在。"]);
        if (locked && string.Equals(user.Email, actor.FindFirstValue(ClaimTypes.Email), StringComparison.OrdinalIgnoreCase))
            return (null, ["不能锁定自己的账号。"]);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
            await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(actor, locked ? "user.lock" : "user.unlock", user.Email!, null, cancellationToken);
        return (await SummaryAsync(user), []);
    }

    static string Describe(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => "该邮箱已有账号。",
        "PasswordTooShort" => "密码太短（至少 8 位）。",
        "PasswordRequiresDigit" => "密码须包含数字。",
        "PasswordRequiresLower" => "密码须包含小写字母。",
        "PasswordRequiresUpper" => "密码须包含大写字母。",
        "PasswordRequiresNonAlphanumeric" => "密码须包含符号。",
        "InvalidEmail" or "InvalidUserName" => "邮箱地址无效。",
        _ => error.Description,
    };
}
