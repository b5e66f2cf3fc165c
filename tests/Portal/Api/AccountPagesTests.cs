using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Justice.Portal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Api;

/// <summary>
/// The account pages (Identity's) over HTTP: Chinese titles and no words of the template's English in what a reader sees,
/// and English titles and English text once the language cookie says <c>en</c>.
/// </summary>
public sealed partial class AccountPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    const string Bureau = "衡阳市司法局";
    const string BureauEnglish = "Hengyang Justice Bureau";

    /// <summary>The template's English; none of it may be read on a Chinese page.</summary>
    static readonly string[] TemplateEnglish =
    [
        "Two-factor authentication", "Manage your account", "Personal data", "Passkeys", "External logins", "Save", "Submit",
        "Recovery code", "Authenticator", "Email", "Password", "Log in", "Register", "Delete", "Download",
    ];

    /// <summary>Page, its Chinese title, its English title. (ChangePassword: the demo accounts have a password, so SetPassword sends them there.)</summary>
    public static TheoryData<string, string, string> ManagePages() => new()
    {
        { "/Account/Manage", "个人资料", "Profile" },
        { "/Account/Manage/Email", "管理邮箱", "Manage email" },
        { "/Account/Manage/ChangePassword", "修改密码", "Change password" },
        { "/Account/Manage/TwoFactorAuthentication", "双因素身份验证", "Two-factor authentication" },
        { "/Account/Manage/EnableAuthenticator", "配置身份验证器应用", "Configure authenticator app" },
        { "/Account/Manage/ResetAuthenticator", "重置身份验证器密钥", "Reset authenticator key" },
        { "/Account/Manage/ExternalLogins", "管理外部登录", "Manage your external logins" },
        { "/Account/Manage/Passkeys", "管理通行密钥", "Manage your passkeys" },
        { "/Account/Manage/PersonalData", "个人数据", "Personal data" },
        { "/Account/Manage/DeletePersonalData", "删除个人数据", "Delete personal data" },
    };

    /// <summary>Pages of an account with two-factor authentication on (the template refuses them otherwise).</summary>
    public static TheoryData<string, string, string> TwoFactorPages() => new()
    {
        { "/Account/Manage/TwoFactorAuthentication", "双因素身份验证", "Two-factor authentication" },
        { "/Account/Manage/GenerateRecoveryCodes", "生成恢复码", "Generate recovery codes" },
        { "/Account/Manage/Disable2fa", "停用双因素身份验证", "Disable two-factor authentication" },
    };

    public static TheoryData<string, string, string> AnonymousPages() => new()
    {
        { "/Account/Login", "登录", "Log in" },
        { "/Account/Register", "注册", "Register" },
        { "/Account/ForgotPassword", "忘记密码？", "Forgot your password?" },
        { "/Account/ResendEmailConfirmation", "重新发送确认邮件", "Resend the confirmation email" },
        { "/Account/RegisterConfirmation?email=applicant@demo.justice.local", "注册确认", "Register confirmation" },
        { "/Account/ResetPassword?code=eA", "重置密码", "Reset password" },
        { "/Account/Lockout", "账号已锁定", "Account locked" },
        { "/Account/InvalidUser", "无法加载账号", "Invalid user" },
    };

    [Theory]
    [MemberData(nameof(ManagePages))]
    public async Task ManagePage_ReadsInChinese_AndInEnglishWithTheLanguageCookie(string path, string chinese, string english)
    {
        // A new login for each reading: opening EnableAuthenticator the first time creates the key, which changes the
        // account's security stamp and so ends the token the page was opened with.
        var zh = await ReadPageAsync(await factory.ClientAsync(PortalRoles.Applicant), path);
        AssertReadsAs(zh, english: false, chinese);
        var en = await ReadPageAsync(await factory.ClientAsync(PortalRoles.Applicant), path, await EnglishCookieAsync());
        AssertReadsAs(en, english: true, english);
    }

    [Theory]
    [MemberData(nameof(TwoFactorPages))]
    public async Task TwoFactorPage_ReadsInChinese_AndInEnglishWithTheLanguageCookie(string path, string chinese, string english)
    {
        var (client, _) = await TwoFactorUserAsync();
        await AssertPageAsync(client, path, chinese, english);
    }

    [Theory]
    [MemberData(nameof(AnonymousPages))]
    public async Task AnonymousPage_ReadsInChinese_AndInEnglishWithTheLanguageCookie(string path, string chinese, string english)
    {
        var client = await factory.ClientAsync();
        await AssertPageAsync(client, path, chinese, english);
    }

    [Fact]
    public async Task TwoFactorUser_IsAskedForTheCode_InChinese_OrInEnglish()
    {
        var (_, email) = await TwoFactorUserAsync();
        foreach (var english in new[] { false, true })
        {
            var browser = await BrowserAsync(english);
            var login = await PostFormAsync(browser, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = PortalFactory.Password });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var next = login.Headers.Location!.ToString();
            Assert.Contains("Account/LoginWith2fa", next);

            var twoFactor = await ReadPageAsync(browser, next);
            AssertReadsAs(twoFactor, english, english ? "Two-factor authentication" : "双因素身份验证");
            Assert.Contains(english ? "Authenticator code" : "身份验证器验证码", twoFactor.Text);
            Assert.Matches("<label for=\"Input.TwoFactorCode\"", twoFactor.Html);
            Assert.Matches("<label for=\"remember-machine\"", twoFactor.Html);
            Assert.Contains("id=\"remember-machine\"", twoFactor.Html);

            var recovery = await ReadPageAsync(browser, "/Account/LoginWithRecoveryCode");
            AssertReadsAs(recovery, english, english ? "Recovery code verification" : "恢复码验证");

            var wrongCode = await PostFormAsync(browser, next, new() { ["Input.TwoFactorCode"] = "000000" }, formName: "login-with-2fa");
            Assert.Equal(HttpStatusCode.OK, wrongCode.StatusCode);
            Assert.Contains(english ? "Error: Invalid authenticator code." : "错误：身份验证器验证码无效。", VisibleText(await wrongCode.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task StatusMessages_AreChineseOrEnglish_AndErrorsShowAsErrors()
    {
        var client = await factory.ClientAsync(PortalRoles.Applicant);
        foreach (var english in new[] { false, true })
        {
            using var rename = Request("/Account/Manage/RenamePasskey/%21%21", english ? await EnglishCookieAsync() : null);
            var redirect = await client.SendAsync(rename);
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.EndsWith("/Account/Manage/Passkeys", redirect.Headers.Location!.ToString());
            var status = redirect.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Identity.StatusMessage=", StringComparison.Ordinal)).Split(';')[0];

            using var passkeys = Request("/Account/Manage/Passkeys", english ? $"{await EnglishCookieAsync()}; {status}" : status);
            var html = await (await client.SendAsync(passkeys)).Content.ReadAsStringAsync();
            var alert = AlertPattern().Match(html);
            Assert.True(alert.Success, html);
            Assert.Equal("danger", alert.Groups["kind"].Value);
            Assert.Equal(english ? "Error: The specified passkey ID had an invalid format." : "错误：通行密钥 ID 格式无效。", WebUtility.HtmlDecode(alert.Groups["text"].Value).Trim());
        }
    }

    [Fact]
    public async Task IdentityErrorsAndValidation_AreChineseOrEnglish()
    {
        foreach (var english in new[] { false, true })
        {
            var browser = await BrowserAsync(english);
            var email = $"weak-{Guid.NewGuid():N}@test.local";
            var weak = await PostFormAsync(browser, "/Account/Register", new() { ["Input.Email"] = email, ["Input.Password"] = "abcdefgh", ["Input.ConfirmPassword"] = "abcdefgh" });
            Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
            var text = VisibleText(await weak.Content.ReadAsStringAsync());
            Assert.Contains(english ? "Error: Passwords must have at least one non alphanumeric character." : "错误：密码须至少包含一个符号。", text);
            Assert.Contains(english ? "Passwords must have at least one uppercase ('A'-'Z')." : "密码须至少包含一个大写字母（A–Z）。", text);

            // Data-annotation messages are the Chinese written on the models (they do not switch language).
            var empty = await PostFormAsync(browser, "/Account/ResendEmailConfirmation", new() { ["Input.Email"] = "" });
            Assert.Contains("请输入邮箱。", VisibleText(await empty.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task SetPassword_SendsAnAccountWithAPasswordToChangePassword()
    {
        var client = await factory.ClientAsync(PortalRoles.Applicant);
        var response = await client.GetAsync("/Account/Manage/SetPassword");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Manage/ChangePassword", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ConfirmEmail_ConfirmsInChinese()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = $"confirm-{Guid.NewGuid():N}@test.local", Email = $"confirm-{Guid.NewGuid():N}@test.local" };
        var created = await users.CreateAsync(user, PortalFactory.Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));

        var page = await ReadPageAsync(await factory.ClientAsync(), $"/Account/ConfirmEmail?userId={user.Id}&code={code}");
        AssertReadsAs(page, english: false, "确认邮箱");
        Assert.Contains("您的邮箱已确认", page.Text);
        await using var after = factory.Services.CreateAsyncScope();
        Assert.True((await after.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(user.Id))!.EmailConfirmed);
    }

    // ---- helpers

    sealed record Page(string Title, string Text, string Article, string Html);

    async Task AssertPageAsync(HttpClient client, string path, string chinese, string english)
    {
        var zh = await ReadPageAsync(client, path);
        AssertReadsAs(zh, english: false, chinese);

        var en = await ReadPageAsync(client, path, await EnglishCookieAsync());
        AssertReadsAs(en, english: true, english);
    }

    static void AssertReadsAs(Page page, bool english, string title)
    {
        if (english)
        {
            Assert.StartsWith($"{title} · ", page.Title);
            Assert.Contains(BureauEnglish, page.Title);
            Assert.DoesNotMatch(Cjk(), page.Title);
            // Everything the page itself says is English (the layout around it keeps its 中文 / English switch).
            Assert.True(!Cjk().IsMatch(page.Article), $"Chinese left in the English page: {Cjk().Match(page.Article).Value} … {page.Article}");
        }
        else
        {
            Assert.StartsWith($"{title} · ", page.Title);
            Assert.Contains(Bureau, page.Title);
            Assert.Matches(Cjk(), page.Title);
            foreach (var phrase in TemplateEnglish)
                Assert.False(Regex.IsMatch(page.Text, $"(?<![A-Za-z]){Regex.Escape(phrase)}(?![A-Za-z])", RegexOptions.IgnoreCase), $"“{phrase}” in: {page.Text}");
            // Nor any other English phrase in what the page says (keys and codes in <kbd>/<code> aside).
            Assert.True(!LatinPhrase().IsMatch(page.Article), $"English left in the Chinese page: {LatinPhrase().Match(page.Article).Value} … {page.Article}");
        }
    }

    static async Task<Page> ReadPageAsync(HttpClient client, string path, string? cookie = null)
    {
        using var request = Request(path, cookie);
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
        var title = WebUtility.HtmlDecode(TitlePattern().Match(html).Groups[1].Value).Trim();
        var article = ArticlePattern().Match(html);
        Assert.True(article.Success, html);
        return new Page(title, VisibleText(html), VisibleText(CodePattern().Replace(article.Groups[1].Value, " ")), html);
    }

    static HttpRequestMessage Request(string path, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        return request;
    }

    /// <summary>The text between tags: no scripts, styles, comments or attributes.</summary>
    static string VisibleText(string html)
    {
        var body = BodyPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : html;
        body = HiddenPattern().Replace(body, " ");
        body = TagPattern().Replace(body, " ");
        return SpacePattern().Replace(WebUtility.HtmlDecode(body), " ").Trim();
    }

    /// <summary>The language cookie as <c>/culture?culture=en</c> sets it.</summary>
    async Task<string> EnglishCookieAsync()
    {
        var response = await (await factory.ClientAsync()).GetAsync("/culture?culture=en&redirectUri=/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A client that keeps cookies, as a browser does, in Chinese or (through the language switch) English.</summary>
    async Task<HttpClient> BrowserAsync(bool english)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = factory.BaseAddress };
        if (english)
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/culture?culture=en&redirectUri=/")).StatusCode);
        return client;
    }

    /// <summary>Gets the page and posts its form back with its hidden fields (antiforgery token, form name) and the given values.</summary>
    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> values, string? formName = null)
    {
        var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
        var forms = FormPattern().Matches(html).Select(m => m.Value).ToList();
        var form = formName is null ? forms.First(f => f.Contains("__RequestVerificationToken")) : forms.First(f => f.Contains($"value=\"{formName}\""));
        var fields = HiddenInputPattern().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (key, value) in values)
            fields[key] = value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>A new account with an authenticator and two recovery codes left, and a client logged in as it with a third code.</summary>
    async Task<(HttpClient Client, string Email)> TwoFactorUserAsync()
    {
        var email = $"2fa-{Guid.NewGuid():N}@test.local";
        string recoveryCode;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, PortalFactory.Password);
            Assert.True(created.Succeeded);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            recoveryCode = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 3))!.First();
        }
        var client = await factory.ClientAsync();
        var login = await client.PostAsJsonAsync("/api/identity/login", new { email, password = PortalFactory.Password, twoFactorRecoveryCode = recoveryCode });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        return (client, email);
    }

    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[A-Za-z]{2,}[ ,.'’-]+[A-Za-z]{2,}")]
    private static partial Regex LatinPhrase();

    [GeneratedRegex(@"<(kbd|code)\b.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"<article[^>]*>(.*?)</article>", RegexOptions.Singleline)]
    private static partial Regex ArticlePattern();

    [GeneratedRegex(@"<body[^>]*>(.*)</body>", RegexOptions.Singleline)]
    private static partial Regex BodyPattern();

    [GeneratedRegex(@"<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex HiddenPattern();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpacePattern();

    [GeneratedRegex(@"<form\b.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]*)""")]
    private static partial Regex HiddenInputPattern();

    [GeneratedRegex(@"<div class=""alert alert-(?<kind>\w+)"" role=""alert"">(?<text>.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex AlertPattern();
}
