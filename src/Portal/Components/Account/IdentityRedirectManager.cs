using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Justice.Portal.Data;
using Justice.Portal.Localization;
using Microsoft.Extensions.Localization;

namespace Justice.Portal.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager, IStringLocalizer<SharedResource> T)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        uri ??= "";

        // Prevent open redirects: an address of another site (or one a browser reads as such) leads to the home page.
        if (!LocalUrl.IsBaseRelative(uri))
        {
            uri = uri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase) && LocalUrl.IsBaseRelative(navigationManager.ToBaseRelativePath(uri))
                ? navigationManager.ToBaseRelativePath(uri)
                : "";
        }

        navigationManager.NavigateTo(uri);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", T.Format("错误：无法加载 ID 为“{0}”的用户。", userManager.GetUserId(context.User)), context);
}
