using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Justice.Portal.Security;

/// <summary>
/// Systems of other offices that call the workflows' HTTP endpoints (the fee collector's payment notices) sign in with
/// an API key in the <c>X-Api-Key</c> header: <c>ApiKeys:{client}</c> holds each client's key, and the client becomes a
/// principal in the role of its name (a policy of the same name admits it). Keys are accepted on <c>/workflows</c> only,
/// never for the portal's pages or its own API.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string Section = "ApiKeys";

    /// <summary>The fee collector's system: its payment notices resume the arbitration fee wait.</summary>
    public const string FeeCollector = "fee-collector";

    public static bool HasApiKey(HttpRequest request) =>
        request.Path.StartsWithSegments(Features.HttpWorkflows.HttpWorkflowsApi.Prefix) && request.Headers.ContainsKey(Header);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasApiKey(Request))
            return Task.FromResult(AuthenticateResult.NoResult());
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(Request.Headers[Header].ToString()));
        foreach (var client in configuration.GetSection(Section).GetChildren())
        {
            if (string.IsNullOrWhiteSpace(client.Value) || client.Value.Length < 16)
                continue;
            if (CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(client.Value))))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"api:{client.Key}"), new Claim(ClaimTypes.Role, client.Key)], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }
        return Task.FromResult(AuthenticateResult.Fail("API 密钥无效。"));
    }
}
