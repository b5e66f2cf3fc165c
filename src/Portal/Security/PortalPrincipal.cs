using System.Security.Claims;
using Justice.Casework.Cases;
using Justice.Casework.Tasks;

namespace Justice.Portal.Security;

/// <summary>The caller of a page or an endpoint as the case and task rules see them: e-mail (lower case) and roles.</summary>
public static class PortalPrincipal
{
    public static CaseViewer ToCaseViewer(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.Email)?.ToLowerInvariant() ?? user.Identity?.Name?.ToLowerInvariant(),
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());

    public static TaskUser ToTaskUser(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.Email)?.ToLowerInvariant() ?? user.Identity?.Name?.ToLowerInvariant(),
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());
}
