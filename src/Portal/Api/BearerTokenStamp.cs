using System.Security.Claims;
using Justice.Portal.Data;
using Microsoft.AspNetCore.Identity;

namespace Justice.Portal.Api;

/// <summary>
/// A bearer token carries the account's security stamp of the moment it was issued. Locking the account, changing its
/// roles or its password changes the stamp, so every bearer request is checked against the account as it is now: an
/// old token is answered 401 at once, not when it expires an hour later. (Cookies are checked the same way by Identity.)
/// </summary>
public static class BearerTokenStamp
{
    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseBearerTokenStamp(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HasBearerToken(context.Request) && context.User.Identity?.IsAuthenticated == true)
        {
            var signIn = context.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();
            var user = await signIn.ValidateSecurityStampAsync(context.User);
            if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
                // Not signed in: the endpoint's authorization then answers 401 as for no token at all.
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next();
    });
}
