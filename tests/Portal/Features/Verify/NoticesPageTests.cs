using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Portal.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Verify;

/// <summary>The public notice of revoked certificates (公告): anonymous, the certificate and the decision, nothing about the parties.</summary>
public sealed class NoticesPageTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    async Task<(string Number, List<string> Private)> CertificateAsync(string marker)
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var cases = await db.Cases.Where(c => c.Kind == "notary").ToListAsync();
        var record = cases.First(c => c.FieldsJson.Contains(marker));
        var certificate = await db.CaseDocuments.SingleAsync(d => d.CaseId == record.Id && d.Template == "notary/certificate");
        var parties = await db.CaseParties.Where(p => p.CaseId == record.Id).ToListAsync();
        return (certificate.Number!, [.. parties.SelectMany(p => new[] { p.Name, p.IdNumber, p.Address, p.Phone }).OfType<string>()]);
    }

    [Fact]
    public async Task NoticesPage_ListsRevokedAndPartlyRevokedCertificates_WithoutTheParties()
    {
        var revoked = await CertificateAsync("\"revoked\":true");
        var partly = await CertificateAsync("\"partiallyRevoked\":true");
        var client = await portal.Factory.ClientAsync();

        var page = await client.GetStringAsync("/notices");

        Assert.Contains("公证书撤销公告", page);
        var revokedRow = Row(page, revoked.Number);
        Assert.Contains("全部撤销，自始无效", revokedRow);
        Assert.Contains("衡阳市示范公证处", revokedRow);
        Assert.Contains("撤字第", revokedRow);
        Assert.Contains("部分撤销，被撤销的部分自始无效", Row(page, partly.Number));
        Assert.All(revoked.Private.Concat(partly.Private), value => Assert.DoesNotContain(value, page));
    }

    [Fact]
    public async Task NoticesPage_HasItsEnglish()
    {
        var client = await portal.Factory.ClientAsync();

        var page = await client.GetStringAsync("/notices?culture=en&ui-culture=en");

        Assert.Contains("Notices of revoked certificates", page);
        Assert.Contains("In full; void from the beginning", page);
    }

    [Fact]
    public async Task VerifyPage_SaysAPartlyRevokedCertificateIsPartlyVoid()
    {
        var partly = await CertificateAsync("\"partiallyRevoked\":true");
        var client = await portal.Factory.ClientAsync();

        var page = await client.GetStringAsync($"/verify?number={Uri.EscapeDataString(partly.Number)}");

        Assert.Contains("该公证书已被部分撤销，被撤销的部分自始无效，其余部分继续有效。", page);
    }

    [Fact]
    public async Task VerifyApi_GivesTheEffectOfAPartlyRevokedCertificate()
    {
        var partly = await CertificateAsync("\"partiallyRevoked\":true");
        var client = await portal.Factory.ClientAsync();

        var answer = await client.GetFromJsonAsync<JsonObject>($"/api/verify/{Uri.EscapeDataString(partly.Number)}");

        Assert.Equal(("partially-revoked", "被撤销的部分自始无效，其余部分继续有效"), (answer!["status"]!.GetValue<string>(), answer["effect"]!.GetValue<string>()));
    }

    static string Row(string page, string number)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(number);
        var start = page.IndexOf($"data-certificate=\"{number}\"", StringComparison.Ordinal);
        if (start < 0)
            start = page.IndexOf($"data-certificate=\"{encoded}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no notice of {number}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
