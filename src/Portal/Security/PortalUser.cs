using System.Security.Claims;
using Justice.Casework.Cases;
using Justice.Casework.Tasks;
using Justice.Portal.Api;
using Microsoft.AspNetCore.Components.Authorization;

namespace Justice.Portal.Security;

/// <summary>The signed-in user of an interactive page, as the case and task rules see them.</summary>
public sealed record PortalUser(ClaimsPrincipal Principal)
{
    public string? Email => Principal.FindFirstValue(ClaimTypes.Email) ?? Principal.Identity?.Name;

    public IReadOnlyList<string> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public CaseViewer Viewer => Principal.ToCaseViewer();

    public TaskUser TaskUser => Principal.ToTaskUser();

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public static async Task<PortalUser> FromAsync(Task<AuthenticationState>? state) =>
        new(state is null ? new ClaimsPrincipal() : (await state).User);
}
