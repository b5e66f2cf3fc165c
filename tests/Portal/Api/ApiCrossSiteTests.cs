using System.Net;
using System.Net.Http.Json;
using Justice.Portal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Api;

/// <summary>
/// A browser sends the portal's cookie with any site's form: an API call that changes something and rides on the
/// cookie must come from the portal itself (its Origin, or an antiforgery token). Bearer calls are not affected.
/// </summary>
public sealed class ApiCrossSiteTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CookiePost_FromAForeignOrigin_IsRefused()
    {
        var id = await NewUserAsync();
        using var request = await CookieLockAsync(id, origin: "https://evil.example");

        var response = await (await factory.ClientAsync()).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await IsLockedAsync(id));
    }

    [Fact]
    public async Task CookiePost_WithoutOriginOrToken_IsRefused()
    {
        var id = await NewUserAsync();
        using var request = await CookieLockAsync(id, origin: null);

        var response = await (await factory.ClientAsync()).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await IsLockedAsync(id));
    }

    [Fact]
    public async Task CookiePost_FromThePortalsOwnOrigin_IsAccepted()
    {
        var id = await NewUserAsync();
        using var request = await CookieLockAsync(id, origin: factory.BaseAddress.GetLeftPart(UriPartial.Authority));

        var response = await (await factory.ClientAsync()).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await IsLockedAsync(id));
    }

    [Fact]
    public async Task BearerPost_NeedsNoOrigin()
    {
        var id = await NewUserAsync();
        var admin = await factory.ClientAsync(PortalRoles.Admin);

        var response = await admin.PostAsync($"/api/admin/users/{id}/lock", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The administrator's cookie (as a browser holds it) on a form post that locks the account.</summary>
    async Task<HttpRequestMessage> CookieLockAsync(string id, string? origin)
    {
        var login = await (await factory.ClientAsync()).PostAsJsonAsync("/api/identity/login?useCookies=true", new { email = "admin@demo.justice.local", password = PortalFactory.Password });
        login.EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/users/{id}/lock") { Content = new FormUrlEncodedContent([new("x", "1")]) };
        request.Headers.Add("Cookie", login.Headers.GetValues("Set-Cookie").First().Split(';')[0]);
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return request;
    }

    async Task<string> NewUserAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var email = $"target-{Guid.NewGuid():N}@test.local";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, PortalFactory.Password)).Succeeded);
        return user.Id;
    }

    async Task<bool> IsLockedAsync(string id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.IsLockedOutAsync((await users.FindByIdAsync(id))!);
    }
}
