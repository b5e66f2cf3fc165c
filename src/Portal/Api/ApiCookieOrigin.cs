using Microsoft.AspNetCore.Antiforgery;

namespace Justice.Portal.Api;

/// <summary>
/// A browser sends the portal's login cookie along with a form that any other site posts to <c>/api</c>. An API call
/// that changes something and is authenticated by the cookie (not by a bearer token) must therefore come from the
/// portal itself: its own <c>Origin</c>, or a valid antiforgery token. Otherwise it answers 400 and nothing happens.
/// The same holds for the workflows' HTTP endpoints under <c>/workflows</c>.
/// </summary>
public static class ApiCookieOrigin
{
    public static IApplicationBuilder UseApiCookieOrigin(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsCookieAuthenticatedApiChange(context) && !IsSameOrigin(context.Request)
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            await ApiProblems.BadRequest("请求来源无法确认：通过登录 Cookie 修改数据的 API 请求须来自本平台页面（同源 Origin 或防伪令牌），或改用 Bearer 令牌。")
                .ExecuteAsync(context);
            return;
        }
        await next();
    });

    static bool IsCookieAuthenticatedApiChange(HttpContext context) =>
        (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(Features.HttpWorkflows.HttpWorkflowsApi.Prefix))
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        && !BearerTokenStamp.HasBearerToken(context.Request)
        && !Security.ApiKeyAuthenticationHandler.HasApiKey(context.Request)
        && context.User.Identity?.IsAuthenticated == true;

    static bool IsSameOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin
        && string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
}
