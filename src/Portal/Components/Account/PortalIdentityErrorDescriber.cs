using Microsoft.AspNetCore.Identity;
using Justice.Portal.Localization;
using Microsoft.Extensions.Localization;

namespace Justice.Portal.Components.Account;

/// <summary>
/// Identity's error messages (password rules, taken emails, wrong passwords …) in the portal's words:
/// Chinese, or English when the culture cookie says so. The codes stay Identity's.
/// </summary>
internal sealed class PortalIdentityErrorDescriber(IStringLocalizer<SharedResource> T) : IdentityErrorDescriber
{
    static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), T["发生未知错误。"]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), T["数据已被他人修改，请刷新后重试。"]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), T["密码不正确。"]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), T["验证令牌无效或已过期。"]);

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), T["恢复码无效或已使用。"]);

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), T["该外部登录已关联其他账号。"]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), T.Format("用户名“{0}”无效，只能包含字母或数字。", userName));

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), T.Format("邮箱“{0}”无效。", email));

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), T.Format("用户名“{0}”已被使用。", userName));

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), T.Format("邮箱“{0}”已被使用。", email));

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), T.Format("角色名“{0}”无效。", role));

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), T.Format("角色名“{0}”已存在。", role));

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), T["该账号已设置密码。"]);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), T["该账号未启用锁定功能。"]);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), T.Format("用户已拥有角色“{0}”。", role));

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), T.Format("用户不具有角色“{0}”。", role));

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), T.Format("密码至少需要 {0} 个字符。", length));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), T.Format("密码至少需要包含 {0} 个不同的字符。", uniqueChars));

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), T["密码须至少包含一个符号。"]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), T["密码须至少包含一个数字（0–9）。"]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), T["密码须至少包含一个小写字母（a–z）。"]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), T["密码须至少包含一个大写字母（A–Z）。"]);
}
