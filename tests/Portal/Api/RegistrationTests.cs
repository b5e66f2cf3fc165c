using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Justice.Portal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Api;

/// <summary>
/// Registering proves the e-mail address: the confirmation link travels only by mail (here the pickup folder of the
/// test environment), and the pages and the API answer alike whether an address is known or not.
/// </summary>
public sealed partial class RegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Register_ShowsNoConfirmationLink_AndTheMailedLinkConfirms()
    {
        var email = $"new-{Guid.NewGuid():N}@test.local";
        var browser = Browser();

        var register = await AccountPagesTests.PostFormAsync(browser, "/Account/Register", Form(email));

        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        var confirmation = await (await browser.GetAsync(register.Headers.Location)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("ConfirmEmail", confirmation);
        Assert.False(await IsConfirmedAsync(email));

        var confirm = await browser.GetAsync(MailedLink(email));
        Assert.Contains("您的邮箱已确认", await confirm.Content.ReadAsStringAsync());
        Assert.True(await IsConfirmedAsync(email));
    }

    [Fact]
    public async Task RegisterConfirmation_AnswersAlike_ForKnownAndUnknownEmails()
    {
        var client = await factory.ClientAsync();

        var known = await client.GetAsync("/Account/RegisterConfirmation?email=applicant@demo.justice.local");
        var unknown = await client.GetAsync($"/Account/RegisterConfirmation?email=nobody-{Guid.NewGuid():N}@test.local");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(Article(await known.Content.ReadAsStringAsync()), Article(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Register_WithATakenEmail_AnswersAsForANewOne_AndTellsTheOwnerByMail()
    {
        var email = $"taken-{Guid.NewGuid():N}@test.local";
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true }, PortalFactory.Password)).Succeeded);

        var register = await AccountPagesTests.PostFormAsync(Browser(), "/Account/Register", Form(email));

        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.Contains("Account/RegisterConfirmation", register.Headers.Location!.ToString());
        Assert.Contains("已注册", MailTo(email));
    }

    [Fact]
    public async Task ApiRegister_IsOffUnlessConfigured()
    {
        var client = await factory.ClientAsync();

        var response = await client.PostAsJsonAsync("/api/identity/register", new { email = $"api-{Guid.NewGuid():N}@test.local", password = PortalFactory.Password });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ApiRegister_WhenSwitchedOn_MailsTheLink_AndAnswersAlikeForATakenEmail()
    {
        await using var portal = new PortalFactory { SeedDemo = true, Settings = { ["Identity:ApiRegistration"] = "true" } };
        var client = await portal.ClientAsync();
        var email = $"api-{Guid.NewGuid():N}@test.local";

        var fresh = await client.PostAsJsonAsync("/api/identity/register", new { email, password = PortalFactory.Password });
        var taken = await client.PostAsJsonAsync("/api/identity/register", new { email = "applicant@demo.justice.local", password = PortalFactory.Password });

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await taken.Content.ReadAsStringAsync());
        Assert.Contains("/api/identity/confirmEmail?userId=", MailTo(email, portal));
        Assert.Contains("已注册", MailTo("applicant@demo.justice.local", portal));
    }

    // ---- helpers

    static Dictionary<string, string> Form(string email) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = PortalFactory.Password, ["Input.ConfirmPassword"] = PortalFactory.Password };

    HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = factory.BaseAddress };

    async Task<bool> IsConfirmedAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.EmailConfirmed;
    }

    /// <summary>The one mail the portal wrote to the pickup folder for this address (the test environment's default sender).</summary>
    internal static string MailTo(string email, PortalFactory portal)
    {
        var folder = Path.Combine(portal.Folder, "mail");
        Assert.True(Directory.Exists(folder), $"no mail folder {folder}");
        var mails = Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText)
            .Where(m => m.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase)).ToList();
        return Readable(Assert.Single(mails));
    }

    /// <summary>The mail's headers and its body as text (the body of a Chinese mail is Base64).</summary>
    static string Readable(string mail)
    {
        var split = mail.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var (headers, body) = (mail[..split], mail[(split + 4)..]);
        return headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase)
            ? headers + "\n\n" + System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(body.Trim()))
            : mail;
    }

    string MailTo(string email) => MailTo(email, factory);

    string MailedLink(string email)
    {
        var link = LinkPattern().Match(MailTo(email));
        Assert.True(link.Success);
        return WebUtility.HtmlDecode(link.Groups[1].Value);
    }

    static string Article(string html) => ArticlePattern().Match(html).Groups[1].Value;

    [GeneratedRegex("""href=['"]([^'"]*Account/ConfirmEmail[^'"]*)['"]""")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"<article[^>]*>(.*?)</article>", RegexOptions.Singleline)]
    private static partial Regex ArticlePattern();
}
