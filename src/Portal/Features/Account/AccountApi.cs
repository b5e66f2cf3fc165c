using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Justice.Portal.Components.Account;
using Justice.Portal.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.Extensions.Options;

namespace Justice.Portal.Features.Account;

/// <summary>
/// Identity's API under <c>/api/identity</c> (login, refresh, confirmation, password reset, 2FA) with the portal's rules:
/// registration through the API only when <c>Identity:ApiRegistration</c> is on, and then answering alike for a known
/// address; a refresh token works once.
/// </summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var registration = app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>("Identity:ApiRegistration");
        var group = app.MapGroup("/api/identity").WithTags("账号");
        group.AddEndpointFilter(async (context, next) =>
        {
            if (context.Arguments.OfType<RegisterRequest>().FirstOrDefault() is { } register)
                return registration ? await RegisterAsync(context, register, next) : Results.NotFound();
            if (context.Arguments.OfType<RefreshRequest>().FirstOrDefault() is { } refresh && !await ConsumeAsync(context.HttpContext, refresh.RefreshToken))
                return TypedResults.Challenge();
            return await next(context);
        });
        group.MapIdentityApi<ApplicationUser>();
        return app;
    }

    /// <summary>A known address: its owner is told by mail, the caller gets what a new registration gets (or the same password errors).</summary>
    static async ValueTask<object?> RegisterAsync(EndpointFilterInvocationContext context, RegisterRequest register, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(register.Email) is not { } owner)
            return await next(context);
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            errors.AddRange((await validator.ValidateAsync(users, owner, register.Password)).Errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        var request = context.HttpContext.Request;
        var login = $"{request.Scheme}://{request.Host}{request.PathBase}/Account/Login";
        await services.GetRequiredService<PortalEmailSender>().SendAlreadyRegisteredAsync(register.Email, HtmlEncoder.Default.Encode(login));
        return TypedResults.Ok();
    }

    /// <summary>Marks the refresh token used; false when it was used before. A token that does not read is left to the endpoint to refuse.</summary>
    static async Task<bool> ConsumeAsync(HttpContext context, string refreshToken)
    {
        var protector = context.RequestServices.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return true;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        return await context.RequestServices.GetRequiredService<RefreshTokenLedger>().MarkUsedAsync(userId, hash, expires, context.RequestAborted);
    }
}
