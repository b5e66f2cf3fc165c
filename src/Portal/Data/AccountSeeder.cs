using Justice.Portal.Features.Admin;
using Microsoft.AspNetCore.Identity;

namespace Justice.Portal.Data;

/// <summary>
/// Creates the roles, the first administrator from <c>Admin:Email</c>/<c>Admin:Password</c> when there is none,
/// and — only in Development or with <c>Seed:Demo=true</c> — one demo account per role.
/// </summary>
public sealed class AccountSeeder(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IConfiguration configuration,
    IHostEnvironment environment, ILogger<AccountSeeder> logger, IServiceProvider services)
{
    /// <summary>The demo's names for its staff accounts (Justice.Portal.Demo); none without the demo.</summary>
    readonly IDemoStaffNames? names = services.GetService<IDemoStaffNames>();

    public const string DemoDomain = "demo.justice.local";
    public const string DefaultDemoPassword = "Justice#2026";

    /// <summary>Roles whose demo work is shared by several people: <c>secretary2@…</c>, <c>arbitrator2@…</c> … up to the count.</summary>
    public static readonly IReadOnlyList<(string Role, int Count)> DemoColleagues =
        [("secretary", 3), ("arbitrator", 10), ("notary", 2), ("reviewer", 2), ("verifier", 2), ("legalaid-provider", 2)];

    public bool DemoEnabled => environment.IsDevelopment() || configuration.GetValue<bool>("Seed:Demo");

    public string DemoPassword => configuration["Seed:DemoPassword"] is { Length: > 0 } p ? p : DefaultDemoPassword;

    public async Task SeedAsync()
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"角色 {role}");
        }

        var adminEmail = configuration["Admin:Email"];
        var adminPassword = configuration["Admin:Password"];
        if ((await users.GetUsersInRoleAsync(PortalRoles.Admin)).Count == 0)
        {
            if (!string.IsNullOrWhiteSpace(adminEmail) && !string.IsNullOrWhiteSpace(adminPassword))
                await EnsureUserAsync(adminEmail, adminPassword, PortalRoles.Admin);
            else if (!DemoEnabled)
                logger.LogWarning("没有管理员账号：请设置 Admin:Email 和 Admin:Password 后重启。");
        }

        if (DemoEnabled)
        {
            foreach (var role in PortalRoles.All)
                await EnsureUserAsync($"{role}@{DemoDomain}", DemoPassword, role);
            // The demo cases spread their work over a few colleagues per role, so that every task has someone who can log in and do it.
            foreach (var (role, count) in DemoColleagues)
            {
                for (var n = 2; n <= count; n++)
                    await EnsureUserAsync($"{role}{n}@{DemoDomain}", DemoPassword, role);
            }
            logger.LogInformation("演示账号（每个角色一个）：{Accounts}；密码：{Password}",
                string.Join("、", PortalRoles.All.Select(r => $"{r}@{DemoDomain}（{PortalRoles.DisplayNames[r]}）")), DemoPassword);
        }
    }

    async Task EnsureUserAsync(string email, string password, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password), $"账号 {email}");
        }
        if (!await users.IsInRoleAsync(user, role))
            Check(await users.AddToRoleAsync(user, role), $"账号 {email} 的角色 {role}");
        // Demo staff are named as people: a profile once, never overwriting what an administrator has set.
        if (string.IsNullOrWhiteSpace(user.FullName) && names?.For(email) is { } profile)
        {
            user.FullName = profile.FullName;
            user.Title ??= profile.Title;
            user.Unit ??= profile.Unit;
            Check(await users.UpdateAsync(user), $"账号 {email} 的姓名");
        }
    }

    static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"无法创建{what}：{string.Join("；", result.Errors.Select(e => e.Description))}");
    }
}

/// <summary>Fixed fictitious names, titles and units of the demo staff accounts, given by the demo.</summary>
public interface IDemoStaffNames
{
    /// <summary>The profile of a demo account, or null when the address is not one of the demo's staff.</summary>
    StaffProfile? For(string email);
}
