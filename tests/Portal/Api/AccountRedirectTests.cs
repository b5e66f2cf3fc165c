using System.Net;

namespace Justice.Portal.Tests.Api;

/// <summary>Return addresses that lead off the portal go to the home page; a logout without its token is a bad request, not an error.</summary>
public sealed class AccountRedirectTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/%5Cevil.example")]
    public async Task Login_WithAReturnUrlOffThePortal_GoesToTheHomePage(string returnUrl)
    {
        var browser = Browser();

        var login = await AccountPagesTests.PostFormAsync(browser, $"/Account/Login?ReturnUrl={returnUrl}",
            new() { ["Input.Email"] = "applicant@demo.justice.local", ["Input.Password"] = PortalFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(factory.BaseAddress, new Uri(factory.BaseAddress, login.Headers.Location!));
    }

    [Fact]
    public async Task Login_WithALocalReturnUrl_GoesThere()
    {
        var login = await AccountPagesTests.PostFormAsync(Browser(), "/Account/Login?ReturnUrl=%2Finbox",
            new() { ["Input.Email"] = "applicant@demo.justice.local", ["Input.Password"] = PortalFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(new Uri(factory.BaseAddress, "/inbox"), new Uri(factory.BaseAddress, login.Headers.Location!));
    }

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    public async Task Culture_WithARedirectOffThePortal_GoesToTheHomePage(string redirectUri)
    {
        var response = await (await factory.ClientAsync()).GetAsync($"/culture?culture=en&redirectUri={redirectUri}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Logout_WithoutAToken_Returns400()
    {
        var response = await Browser().PostAsync("/Account/Logout", new FormUrlEncodedContent([new("ReturnUrl", "/")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = factory.BaseAddress };
}
