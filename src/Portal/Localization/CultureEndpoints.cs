using Microsoft.AspNetCore.Localization;

namespace Justice.Portal.Localization;

/// <summary>中文 / English: the choice is a cookie that request localization reads; Chinese when there is none.</summary>
public static class CultureEndpoints
{
    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(UiText.Cultures[0])
            .AddSupportedCultures(UiText.Cultures)
            .AddSupportedUICultures(UiText.Cultures);
        // Only the user's explicit choice counts; the browser's Accept-Language does not switch a Chinese bureau's portal.
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        return options;
    }

    /// <summary><c>GET /culture?culture=en&amp;redirectUri=/inbox</c> sets the language cookie and returns to the page.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (string? culture, string? redirectUri, HttpContext context) =>
        {
            var chosen = UiText.Cultures.Contains(culture) ? culture! : UiText.Cultures[0];
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = Components.Account.LocalUrl.IsLocalPath(redirectUri) ? redirectUri! : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return app;
    }
}
