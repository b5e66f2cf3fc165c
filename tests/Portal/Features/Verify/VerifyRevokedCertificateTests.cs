using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Portal.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Verify;

/// <summary>A revoked notarial certificate is void from the beginning (自始无效), and the public check says so.</summary>
public sealed class VerifyRevokedCertificateTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    async Task<string> RevokedNumberAsync()
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var certificates = await db.CaseDocuments.Where(d => d.Template == "notary/certificate").ToListAsync();
        var cases = await db.Cases.Where(c => c.Kind == "notary").ToDictionaryAsync(c => c.Id);
        return certificates.First(d => cases[d.CaseId].FieldsJson.Contains("\"revoked\":true")).Number!;
    }

    [Fact]
    public async Task VerifyPage_SaysARevokedCertificateIsVoidFromTheBeginning()
    {
        var number = await RevokedNumberAsync();
        var client = await portal.Factory.ClientAsync();

        var page = await client.GetStringAsync($"/verify?number={Uri.EscapeDataString(number)}");

        var english = await client.GetStringAsync($"/verify?number={Uri.EscapeDataString(number)}&culture=en&ui-culture=en");

        Assert.Contains("该公证书已被撤销，自始无效。", page);
        Assert.Contains("This certificate has been revoked and is void from the beginning, as if it had never been issued.", english);
    }

    [Fact]
    public async Task VerifyApi_GivesTheEffectOfARevokedCertificate()
    {
        var number = await RevokedNumberAsync();
        var client = await portal.Factory.ClientAsync();

        var answer = await client.GetFromJsonAsync<JsonObject>($"/api/verify/{Uri.EscapeDataString(number)}");

        Assert.Equal(("revoked", "自始无效"), (answer!["status"]!.GetValue<string>(), answer["effect"]!.GetValue<string>()));
    }
}
